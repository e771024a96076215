import type { DraftAuthor } from '../domain/draft';
import type { ReplyTarget } from '../domain/reply';
import type { StoredFailure } from './draft-record';

/** What is kept per reply draft: one person's one reply to one conversation thread. */

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
