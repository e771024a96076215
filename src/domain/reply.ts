import type { Message } from '../i18n/catalog';
import { plainTextToHtml } from './html';
import { LIMITS } from './limits';
import { multiLineText } from './text';

/** A reply's message, checked like a draft's body before anything reaches Graph. */

/**
 * `kept`: what the form shows again; a reply over the limit is cut to it so the card stays small. `error`
 * is a message value: the surface translates it into the reader's language.
 */
export type ReplyValidation = { ok: true; message: string } | { ok: false; error: Message; kept: string };

export function validateReply(text: string | undefined): ReplyValidation {
  // Same cleaning as a conversation's body: control and bidi characters never reach the mailbox.
  const message = multiLineText(text ?? '').trimEnd();
  if (message.trim().length === 0)
    return { ok: false, error: { key: 'messages.replyValidation.empty' }, kept: text ?? '' };
  const bytes = Buffer.byteLength(message, 'utf8');
  if (bytes > LIMITS.bodyMaxBytes) {
    const over = Math.ceil(((bytes - LIMITS.bodyMaxBytes) / bytes) * [...message].length);
    return {
      ok: false,
      error: { key: 'messages.replyValidation.tooLong', params: { count: over, limit: LIMITS.bodyMaxBytes } },
      kept: clipToBytes(message, LIMITS.bodyMaxBytes),
    };
  }
  return { ok: true, message };
}

/**
 * The body of `POST /groups/{id}/threads/{id}/reply`, the shape its page documents
 * (https://learn.microsoft.com/graph/api/conversationthread-reply): a post with an HTML body.
 */
export interface ReplyRequest {
  post: { body: { contentType: 'html'; content: string } };
}

export function toReplyRequest(message: string): ReplyRequest {
  return { post: { body: { contentType: 'html', content: plainTextToHtml(message) } } };
}

/**
 * The longest start of `text` within `maxBytes` of UTF-8, cut between characters. A card echoing a pasted
 * novel would exceed Teams' card size (docs/decisions.md "Cards fit"), so an over-long reply is shown cut.
 */
export function clipToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/** The conversation a reply goes to, as the card named it (threadId filled in once looked up). */
export interface ReplyTarget {
  groupId: string;
  groupName: string;
  conversationId: string;
  threadId: string;
  topic: string;
  /** The confirmation card the reply started from, if any: the answer after posting is that card again. */
  draftId?: string;
}
