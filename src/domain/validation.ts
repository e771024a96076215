import type { Message } from '../i18n/catalog';
import type { DraftInput, FieldError, ValidDraft } from './draft';
import { LIMITS } from './limits';
import { parseParticipants } from './participants';
import { multiLineText, singleLineText } from './text';

export type ValidationResult = { ok: true; draft: ValidDraft } | { ok: false; errors: FieldError[] };

export function validateDraft(input: DraftInput): ValidationResult {
  const errors: FieldError[] = [];
  // Cleaned before any check, so a topic of only control characters counts as empty and lengths are what Graph gets.
  const topic = singleLineText(input.topic ?? '').trim();
  // trimEnd, not /\s+$/: that regex is quadratic on a long run of spaces followed by a letter (docs/security.md).
  const body = multiLineText(input.body ?? '').trimEnd();
  const groupId = (input.groupId ?? '').trim();

  if (topic.length === 0) errors.push({ field: 'topic', message: { key: 'messages.validation.topicEmpty' } });
  else if (topic.length > LIMITS.topicMaxLength)
    errors.push({
      field: 'topic',
      message: {
        key: 'messages.validation.topicTooLong',
        params: { length: topic.length, limit: LIMITS.topicMaxLength },
      },
    });

  const bodyBytes = utf8Length(body);
  if (body.trim().length === 0)
    errors.push({ field: 'body', message: { key: 'messages.validation.bodyEmpty' } });
  else if (bodyBytes > LIMITS.bodyMaxBytes) {
    const over = Math.ceil(((bodyBytes - LIMITS.bodyMaxBytes) / bodyBytes) * [...body].length);
    errors.push({
      field: 'body',
      message: {
        key: 'messages.validation.bodyTooLong',
        params: { count: over, limit: LIMITS.bodyMaxBytes },
      },
    });
  }

  for (const field of ['participants', 'emails'] as const)
    if ((input[field] ?? '').length > LIMITS.addressListMaxLength)
      errors.push({
        field,
        message: {
          key: 'messages.validation.listTooLong',
          params: { length: (input[field] ?? '').length, limit: LIMITS.addressListMaxLength },
        },
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
      message: {
        key: 'messages.validation.tooManyParticipants',
        params: { count: participants.length, limit: LIMITS.maxParticipants },
      },
    });

  if (groupId.length === 0)
    errors.push({ field: 'groupId', message: { key: 'messages.validation.groupMissing' } });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, draft: { topic, body, participants, groupId } };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The entries as typed, each quoted: quotes show where an entry with stray spaces begins and ends. */
function notRecognised(entries: string[]): Message {
  const list = entries.map((entry) => `"${entry}"`).join(', ');
  return { key: 'messages.validation.notRecognised', params: { entries: list } };
}
