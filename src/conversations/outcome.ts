import type { Confirmation } from '../domain/confirmation';
import type { DraftAuthor, SubmittedDraft } from '../domain/draft';
import type { GraphFailure } from '../graph/errors';

/** Why a valid draft was not posted, Graph having said so. Each kind gets its own plain-words explanation. */
export type SubmitFailure =
  | { kind: 'notUnified'; groupName: string }
  | { kind: 'unknownParticipants'; ids: string[] }
  /** The group's mailbox had Outlook's 4 requests in flight until the attempt ran out of time: not sent. */
  | { kind: 'mailboxBusy' }
  | { kind: 'graph'; error: GraphFailure };

/** What a submit, a check or a refresh of a draft tells the person who sent it. */
export type SubmitOutcome =
  | { status: 'created'; confirmation: Confirmation }
  /** Not posted (and Graph said so when it was tried): the draft is kept for another try. */
  | { status: 'open'; draft: SubmittedDraft; failure?: SubmitFailure }
  /** The author's attempt is still running (here, on another instance, or past the caller's wait). */
  | { status: 'pending'; author: DraftAuthor; draft: SubmittedDraft }
  /**
   * A create went out and it is not known whether Graph carried it out. lookedUp: the group was searched
   * and the conversation not (yet) found, so the author may choose to post anyway.
   */
  | {
      status: 'unknown';
      author: DraftAuthor;
      draft: SubmittedDraft;
      groupName: string;
      lookedUp: boolean;
      requestId?: string;
    }
  /** The viewer is not the draft's author and it is not posted: they only see where it stands. */
  | { status: 'othersDraft'; author?: DraftAuthor; phase: 'open' | 'posting' | 'unknown'; topic?: string }
  /** A check of a draft nobody submitted, or one this instance's memory storage forgot. */
  | { status: 'missing' };
