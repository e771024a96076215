import type { Confirmation } from '../domain/confirmation';
import type { DraftAuthor, GroupTarget, Recipient, SubmittedDraft } from '../domain/draft';
import { GraphFailure, type GraphFailureKind } from '../graph/errors';
import type { SubmitFailure } from './outcome';

/**
 * Where a draft stands. `unknown`: a create went out and no answer proved whether Graph carried it out
 * (a 5xx other than throttling, a timeout, a dropped connection, or an instance that died mid-post).
 */
export type DraftPhase =
  | { phase: 'open'; failure?: StoredFailure }
  | ({ phase: 'posting'; since: string } & PostTarget)
  | ({ phase: 'unknown'; since: string; requestId?: string; lookedUp: boolean } & PostTarget)
  | { phase: 'created'; confirmation: Confirmation };

/** What a create was sent with, kept so a conversation found later gets the same confirmation. */
export interface PostTarget {
  groupName: string;
  recipients: Recipient[];
}

/** One record per draft and tenant, written only by the holder of the draft's attempt claim. */
export interface DraftRecord {
  draftId: string;
  author: DraftAuthor;
  draft: SubmittedDraft;
  /** When the first create of this draft went out: conversations before it cannot be this draft's. */
  firstPostAt?: string;
  state: DraftPhase;
}

/**
 * A posted draft as it is kept from then on: a day, and in memory by the thousand (docs/performance.md,
 * "Memory"). It keeps what later turns read: the confirmation (every later submit, check or refresh, and the
 * card a reply comes back to), the author (whose draft it is) and the values (the message extension's
 * "Edit" starts a new form from them). When the first create went out mattered only while the outcome
 * could be unknown; of the groups the form offered, the chosen one is enough.
 */
export function postedRecord(record: DraftRecord, confirmation: Confirmation): DraftRecord {
  const { draftId, author, draft } = record;
  const target: GroupTarget =
    draft.target.kind === 'linked'
      ? draft.target
      : { kind: 'choice', groups: draft.target.groups.filter((group) => group.id === confirmation.groupId) };
  return {
    draftId,
    author,
    draft: { target, values: draft.values },
    state: { phase: 'created', confirmation },
  };
}

/** A SubmitFailure as JSON storage keeps it (GraphFailure is a class: its getters do not survive). */
export type StoredFailure =
  | Exclude<SubmitFailure, { kind: 'graph' }>
  | {
      kind: 'graph';
      error: {
        kind: GraphFailureKind;
        status: number;
        code?: string;
        requestId?: string;
        retryAfterSeconds?: number;
        claimsChallenge?: boolean;
      };
    };

export function storeFailure(failure: SubmitFailure): StoredFailure {
  if (failure.kind !== 'graph') return failure;
  const { kind, status, code, requestId, retryAfterSeconds, claimsChallenge } = failure.error;
  return { kind: 'graph', error: { kind, status, code, requestId, retryAfterSeconds, claimsChallenge } };
}

export function restoreFailure(stored: StoredFailure): SubmitFailure {
  if (stored.kind !== 'graph') return stored;
  const { kind, status, code, requestId, retryAfterSeconds, claimsChallenge } = stored.error;
  return {
    kind: 'graph',
    error: new GraphFailure(kind, status, code, requestId, retryAfterSeconds, claimsChallenge ?? false),
  };
}
