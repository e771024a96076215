import type { StoredFailure } from './draft-record';

/** The user's delegated token for this turn, and a way to get a fresh one after Graph says 401. */
export interface TurnTokens {
  token: string;
  refresh(): Promise<string | undefined>;
}

/** What a check or a refresh asks of a draft or a reply draft once submitted: never a post, unless explicit. */
export type FollowUpIntent = { kind: 'check' } | { kind: 'postAnyway' };

/** Any record whose attempt can end open with the failure Graph gave (drafts and replies). */
interface OpenableRecord {
  state: { phase: string; failure?: StoredFailure };
}

/**
 * An expired or revoked token gets one fresh token and one more try; a second 401 goes to the user. A 401
 * claims challenge is not retried: only a new sign-in satisfies it (decisions.md 18).
 */
export async function withOneRefresh<R extends OpenableRecord>(
  tokens: TurnTokens,
  attempt: (token: string) => Promise<R>,
): Promise<R> {
  const first = await attempt(tokens.token);
  if (!isUnauthorized(first)) return first;
  const fresh = await tokens.refresh();
  if (!fresh || fresh === tokens.token) return first;
  return attempt(fresh);
}

function isUnauthorized({ state }: OpenableRecord): boolean {
  return (
    state.phase === 'open' &&
    state.failure?.kind === 'graph' &&
    state.failure.error.kind === 'unauthorized' &&
    !state.failure.error.claimsChallenge
  );
}
