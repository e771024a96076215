import type { ReplyTarget } from '../domain/reply';
import type { ReplySummary } from '../graph/threads';
import { literal } from './markdown';
import { type AdaptiveCard, renderCard } from './render';
import template from './templates/reply.json';

/** The reply card: the inline form, and each state of one reply draft (posting, unknown, posted). */

export type ReplyCardState = 'form' | 'pending' | 'unknown' | 'posted';

export interface ReplyCardModel {
  state: ReplyCardState;
  target: ReplyTarget;
  replyDraftId: string;
  replyText?: string;
  /** The message field's problem (validation), shown above the kept input. */
  error?: string;
  /** Why Graph did not post it, in plain words. */
  notice?: string;
  requestId?: string;
  lookedUp?: boolean;
  /** The reply's author's Teams id: only their client refreshes a posting or unknown card. */
  authorMri?: string;
  summary?: ReplySummary;
}

/** This card's user-facing texts, in one place for the later string catalog. */
const TEXTS = {
  heading: new Map<ReplyCardState, string>([
    ['form', 'Reply to the conversation'],
    ['pending', 'Posting your reply…'],
    ['unknown', 'Your reply may have been posted'],
    ['posted', 'Reply posted'],
  ]),
  replies: (count: number) => (count === 1 ? '1 reply' : `${count} replies`),
} as const;

const COLORS = new Map<ReplyCardState, string>([
  ['form', 'Default'],
  ['pending', 'Default'],
  ['unknown', 'Warning'],
  ['posted', 'Good'],
]);

export function renderReplyCard(model: ReplyCardModel): AdaptiveCard {
  const { target, summary } = model;
  return renderCard(template, {
    state: model.state,
    heading: TEXTS.heading.get(model.state) ?? '',
    headingColor: COLORS.get(model.state) ?? 'Default',
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
    error: literal(model.error ?? ''),
    notice: literal(model.notice ?? ''),
    requestId: literal(model.requestId ?? ''),
    lookedUp: model.lookedUp ?? false,
    authorMri: model.authorMri ?? '',
    replyCount: summary?.replyCount ?? 0,
    replyCountText: TEXTS.replies(summary?.replyCount ?? 0),
    latestAuthor: literal(summary?.latestAuthor ?? ''),
    latestAt: isoSeconds(summary?.latestAt ?? ''),
  });
}

/** Teams renders {{DATE}}/{{TIME}} in the reader's locale; it wants an ISO date without milliseconds. */
export function isoSeconds(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}
