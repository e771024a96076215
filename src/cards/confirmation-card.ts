import { createHash } from 'node:crypto';
import type { Confirmation } from '../domain/confirmation';
import type { ReplySummary } from '../graph/threads';
import { text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandConfirmation } from './compiled/confirmation';
import { literal, literalLines } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { isoSeconds } from './reply-card';
import { cardStrings } from './strings';

/** What the confirmation card shows besides the conversation: the thread's replies, once someone replied. */
export interface ConfirmationExtras {
  summary?: ReplySummary;
  /** The id of the reply its "Reply" form will post; by default derived from the draft (see below). */
  replyDraftId?: string;
}

/** The card every submit, check or refresh of a posted draft answers, for whoever sends it. */
export function renderConfirmationCard(
  language: Language,
  confirmation: Confirmation,
  extras: ConfirmationExtras = {},
): AdaptiveCard {
  const participants = confirmation.participants;
  const { summary } = extras;
  const groupName = literal(confirmation.groupName);
  return renderCard(expandConfirmation, {
    strings: cardStrings(language, 'confirmation'),
    topic: literal(confirmation.topic),
    groupId: confirmation.groupId,
    groupName,
    // Card data comes back as sent: raw values there, markdown-escaped ones for display.
    topicData: confirmation.topic,
    groupNameData: confirmation.groupName,
    participantList:
      participants.length === 0
        ? text(language, 'cards.confirmation.noParticipants')
        : literal(participants.map((person) => `${person.name} (${person.address})`).join(', ')),
    // Teams renders {{DATE}}/{{TIME}} in the reader's locale; it wants an ISO date without milliseconds.
    createdAt: isoSeconds(confirmation.createdAt),
    startedBy: literal(confirmation.startedBy),
    preview: literalLines(confirmation.preview ?? ''),
    conversationId: confirmation.conversationId,
    threadId: confirmation.threadId ?? '',
    draftId: confirmation.draftId,
    // Whoever presses "Reply" posts their own reply under this id: the reply's key names the viewer too.
    replyDraftId: extras.replyDraftId ?? firstReplyDraftId(confirmation.draftId),
    replyCount: summary?.replyCount ?? 0,
    replyCountText: text(language, 'cards.common.replyCount', { count: summary?.replyCount ?? 0 }),
    latestAuthor: literal(summary?.latestAuthor ?? ''),
    latestAt: isoSeconds(summary?.latestAt ?? ''),
    whereToFind: text(language, 'cards.confirmation.whereToFind', { group: groupName }),
  });
}

/**
 * The reply-draft id of a confirmation as first answered: derived from its draft id, so every resend, check
 * or refresh of the draft answers the very same card. After a reply the card comes back with a random id,
 * so the next reply is a new one; pressing the original card's form again only shows that first reply.
 */
export function firstReplyDraftId(draftId: string): string {
  const hex = createHash('sha256').update(`reply:${draftId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
