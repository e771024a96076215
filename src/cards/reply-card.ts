import type { ReplyTarget } from '../domain/reply';
import type { ReplySummary } from '../graph/threads';
import { type Message, type MessageKey, text } from '../i18n/catalog';
import type { Language } from '../i18n/language';
import { expandReply } from './compiled/reply';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import { cardStrings, shownMessage } from './strings';

/** The reply card: the inline form, and each state of one reply draft (posting, unknown, posted). */

export type ReplyCardState = 'form' | 'pending' | 'unknown' | 'posted';

export interface ReplyCardModel {
  state: ReplyCardState;
  target: ReplyTarget;
  replyDraftId: string;
  replyText?: string;
  /** The message field's problem (validation), shown above the kept input. */
  error?: Message;
  /** Why Graph did not post it, in plain words. */
  notice?: Message;
  requestId?: string;
  lookedUp?: boolean;
  /** The reply's author's Teams id: only their client refreshes a posting or unknown card. */
  authorMri?: string;
  summary?: ReplySummary;
}

const HEADINGS: Readonly<Record<ReplyCardState, { key: MessageKey; color: string }>> = {
  form: { key: 'cards.reply.headingForm', color: 'Default' },
  pending: { key: 'cards.reply.headingPending', color: 'Default' },
  unknown: { key: 'cards.reply.headingUnknown', color: 'Warning' },
  posted: { key: 'cards.reply.headingPosted', color: 'Good' },
};

export function renderReplyCard(language: Language, model: ReplyCardModel): AdaptiveCard {
  const { target, summary } = model;
  const heading = HEADINGS[model.state];
  return renderCard(expandReply, {
    strings: cardStrings(language, 'reply'),
    state: model.state,
    heading: text(language, heading.key),
    headingColor: heading.color,
    topic: literal(target.topic),
    groupName: literal(target.groupName),
    // Card data goes back to us as typed, so it carries the raw values, not the markdown-escaped ones.
    topicData: target.topic,
    groupNameData: target.groupName,
    groupId: target.groupId,
    conversationId: target.conversationId,
    threadId: target.threadId,
    draftId: target.draftId ?? '',
    replyDraftId: model.replyDraftId,
    replyText: model.replyText ?? '',
    error: shownMessage(language, model.error),
    notice: shownMessage(language, model.notice),
    requestId: model.requestId ?? '',
    requestIdText: text(language, 'cards.common.supportReference', {
      requestId: literal(model.requestId ?? ''),
    }),
    lookedUp: model.lookedUp ?? false,
    authorMri: model.authorMri ?? '',
    replyCount: summary?.replyCount ?? 0,
    replyCountText: text(language, 'cards.common.replyCount', { count: summary?.replyCount ?? 0 }),
    latestAuthor: literal(summary?.latestAuthor ?? ''),
    latestAt: isoSeconds(summary?.latestAt ?? ''),
  });
}

/** Teams renders {{DATE}}/{{TIME}} in the reader's locale; it wants an ISO date without milliseconds. */
export function isoSeconds(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}
