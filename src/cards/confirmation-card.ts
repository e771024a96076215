import type { Confirmation } from '../conversations/confirmation';
import type { DraftInput } from '../domain/draft';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/confirmation.json';

/** `draft` travels with a message-extension preview so "Edit" can reopen the form with what was typed. */
export function renderConfirmationCard(confirmation: Confirmation, draft: DraftInput = {}): AdaptiveCard {
  const participants = confirmation.participants;
  return renderCard(template, {
    topic: confirmation.topic,
    groupId: confirmation.groupId,
    groupName: confirmation.groupName,
    participantList:
      participants.length === 0
        ? 'Group members only'
        : participants.map((person) => `${person.name} (${person.address})`).join(', '),
    // Teams renders {{DATE}}/{{TIME}} in the reader's locale; it wants an ISO date without milliseconds.
    createdAt: confirmation.createdAt.replace(/\.\d{3}Z$/, 'Z'),
    startedBy: confirmation.startedBy,
    preview: confirmation.preview ?? '',
    conversationId: confirmation.conversationId,
    threadId: confirmation.threadId ?? '',
    draftId: confirmation.draftId,
    draft,
  });
}
