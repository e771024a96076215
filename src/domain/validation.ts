import type { DraftInput, FieldError, ValidDraft } from './draft';
import { LIMITS } from './limits';
import { parseParticipants } from './participants';
import { multiLineText, singleLineText } from './text';

export type ValidationResult = { ok: true; draft: ValidDraft } | { ok: false; errors: FieldError[] };

export function validateDraft(input: DraftInput): ValidationResult {
  const errors: FieldError[] = [];
  // Cleaned before any check, so a topic of only control characters counts as empty and lengths are what Graph gets.
  const topic = singleLineText(input.topic ?? '').trim();
  const body = multiLineText(input.body ?? '').replace(/\s+$/, '');
  const groupId = (input.groupId ?? '').trim();

  if (topic.length === 0) errors.push({ field: 'topic', message: 'Enter a topic.' });
  else if (topic.length > LIMITS.topicMaxLength)
    errors.push({
      field: 'topic',
      message: `The topic is ${topic.length} characters long; the limit is ${LIMITS.topicMaxLength}.`,
    });

  const bodyBytes = utf8Length(body);
  if (body.trim().length === 0) errors.push({ field: 'body', message: 'Write the message to post.' });
  else if (bodyBytes > LIMITS.bodyMaxBytes) {
    const over = Math.ceil(((bodyBytes - LIMITS.bodyMaxBytes) / bodyBytes) * [...body].length);
    errors.push({
      field: 'body',
      message: `The message is too long: shorten it by about ${over} ${over === 1 ? 'character' : 'characters'}. The limit is ${LIMITS.bodyMaxBytes} bytes: ${LIMITS.bodyMaxBytes} letters, or about a third as many Chinese, Japanese or Korean characters.`,
    });
  }

  for (const field of ['participants', 'emails'] as const)
    if ((input[field] ?? '').length > LIMITS.addressListMaxLength)
      errors.push({
        field,
        message: `This list is ${(input[field] ?? '').length} characters long; the limit is ${LIMITS.addressListMaxLength}.`,
      });

  const picked = parseParticipants(input.participants);
  const typed = parseParticipants(input.emails);
  if (picked.invalid.length > 0)
    errors.push({ field: 'participants', message: notRecognised(picked.invalid) });
  if (typed.invalid.length > 0) errors.push({ field: 'emails', message: notRecognised(typed.invalid) });
  const participants = parseParticipants(input.participants, input.emails).entries;
  if (participants.length > LIMITS.maxParticipants)
    errors.push({
      field: 'participants',
      message: `${participants.length} participants is too many; the limit is ${LIMITS.maxParticipants}.`,
    });

  if (groupId.length === 0) errors.push({ field: 'groupId', message: 'Choose the group to post in.' });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, draft: { topic, body, participants, groupId } };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function notRecognised(entries: string[]): string {
  const list = entries.map((entry) => `"${entry}"`).join(', ');
  return `Not a valid e-mail address or directory user: ${list}.`;
}
