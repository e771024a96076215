import type { DraftAuthor, StoredFailure } from './draft-record';

/** What is kept per reply draft: one person's one reply to one conversation thread. */

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

/**
 * Where a reply stands; the same states as a conversation draft (draft-record.ts). `unknown`: the reply POST
 * went out and no answer proved whether Graph carried it out.
 */
export type ReplyPhase =
  | { phase: 'open'; failure?: StoredFailure }
  | { phase: 'posting'; since: string }
  | { phase: 'unknown'; since: string; requestId?: string; lookedUp: boolean }
  | { phase: 'posted'; at: string };

export interface ReplyRecord {
  replyDraftId: string;
  author: DraftAuthor;
  target: ReplyTarget;
  /** The validated message (kept so "Post anyway" and "Try again" send exactly what was submitted). */
  message: string;
  /** When the first reply POST went out: posts before it cannot be this reply. */
  firstPostAt?: string;
  state: ReplyPhase;
}
