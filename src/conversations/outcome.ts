import type { GraphFailure } from '../graph/errors';
import type { Confirmation } from './confirmation';

/** Why a valid draft could not be posted. Each kind gets its own plain-words explanation. */
export type SubmitFailure =
  | { kind: 'notUnified'; groupName: string }
  | { kind: 'unknownParticipants'; ids: string[] }
  | { kind: 'graph'; error: GraphFailure };

export type SubmitOutcome =
  | { status: 'created'; confirmation: Confirmation }
  | { status: 'failed'; failure: SubmitFailure }
  /** Still running after the caller's wait: it finishes in the background and is recorded. */
  | { status: 'pending' };

export type FinalOutcome = Exclude<SubmitOutcome, { status: 'pending' }>;
