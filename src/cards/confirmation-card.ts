import type { Confirmation } from '../conversations/confirmation';
import { literal, literalLines } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/confirmation.json';

/** The card every submit, check or refresh of a posted draft answers, for whoever sends it. */
export function renderConfirmationCard(confirmation: Confirmation): AdaptiveCard {
  const participants = confirmation.participants;
  return renderCard(template, {
    topic: literal(confirmation.topic),
    groupId: confirmation.groupId,
    groupName: literal(confirmation.groupName),
    participantList:
      participants.length === 0
        ? 'Group members only'
        : literal(participants.map((person) => `${person.name} (${person.address})`).join(', ')),
    // Teams renders {{DATE}}/{{TIME}} in the reader's locale; it wants an ISO date without milliseconds.
    createdAt: confirmation.createdAt.replace(/\.\d{3}Z$/, 'Z'),
    startedBy: literal(confirmation.startedBy),
    preview: literalLines(confirmation.preview ?? ''),
    conversationId: confirmation.conversationId,
    threadId: confirmation.threadId ?? '',
    draftId: confirmation.draftId,
  });
}
