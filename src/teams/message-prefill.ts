import type { MessageActionsPayload } from 'botbuilder';
import type { DraftInput } from '../domain/draft';
import { LIMITS } from '../domain/limits';
import { text as catalogText } from '../i18n/catalog';
import type { Language } from '../i18n/language';

/**
 * A draft started from a message's "…" menu: its first line as the topic, and the message quoted with its
 * author and a link back. The message arrives as HTML; it becomes plain text here and is escaped again
 * when the post is rendered, so markup in the original can never reach the group mailbox as markup. The
 * words around the quote are in the language of the user starting the draft: they are the ones posting it.
 */
export function draftFromMessage(message: MessageActionsPayload, language: Language): DraftInput {
  const text = htmlToText(message.body?.content ?? '', message.body?.contentType);
  const firstLine =
    text
      .split('\n')
      .find((line) => line.trim().length > 0)
      ?.trim() ?? '';
  const author = message.from?.user?.displayName ?? catalogText(language, 'messages.prefill.someone');
  const quoted = text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const link = message.linkToMessage
    ? `\n\n${catalogText(language, 'messages.prefill.originalMessage', { link: message.linkToMessage })}`
    : '';
  const intro = catalogText(language, 'messages.prefill.wrote', { author });
  return {
    topic: truncate(firstLine, LIMITS.topicMaxLength),
    body: truncateBytes(`${intro}\n${quoted}${link}`, LIMITS.bodyMaxBytes),
  };
}

export function htmlToText(content: string, contentType: string | undefined): string {
  if (contentType !== 'html') return content.replace(/\r\n?/g, '\n').trim();
  return decodeEntities(
    content
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
      // [^<>], not [^>]: with an unclosed "<" each start scanned to the end, quadratic on "<<<…" (docs/security.md).
      .replace(/<[^<>]*>/g, ''),
  )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp|apos);/g, (_, name: string) => ENTITIES[name]);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Cut at a character boundary so the UTF-8 form, ellipsis included, fits in maxBytes. */
function truncateBytes(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let kept = '';
  let bytes = 3; // the ellipsis
  for (const char of text) {
    bytes += encoder.encode(char).length;
    if (bytes > maxBytes) break;
    kept += char;
  }
  return `${kept}…`;
}
