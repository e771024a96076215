import type { DraftInput, FieldError, ValidDraft } from './draft';
import { LIMITS } from './limits';
import { parseParticipants } from './participants';

export type ValidationResult = { ok: true; draft: ValidDraft } | { ok: false; errors: FieldError[] };

export function validateDraft(input: DraftInput): ValidationResult {
  const errors: FieldError[] = [];
  const topic = (input.topic ?? '').trim();
  const body = (input.body ?? '').replace(/\s+$/, '');
  const groupId = (input.groupId ?? '').trim();

  if (topic.length === 0) errors.push({ field: 'topic', message: 'Enter a topic.' });
  else if (topic.length > LIMITS.topicMaxLength)
    errors.push({
      field: 'topic',
      message: `The topic is ${topic.length} characters long; the limit is ${LIMITS.topicMaxLength}.`,
    });

  if (body.trim().length === 0) errors.push({ field: 'body', message: 'Write the message to post.' });
  else if (body.length > LIMITS.bodyMaxLength)
    errors.push({
      field: 'body',
      message: `The message is ${body.length} characters long; the limit is ${LIMITS.bodyMaxLength}.`,
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

function notRecognised(entries: string[]): string {
  const list = entries.map((entry) => `"${entry}"`).join(', ');
  return `Not a valid e-mail address or directory user: ${list}.`;
}
