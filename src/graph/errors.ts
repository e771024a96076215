import { GraphError } from '@microsoft/microsoft-graph-client';
import { GraphTransportError } from './transport';

export type GraphFailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'throttled'
  | 'unavailable'
  | 'badRequest'
  /** No answer before the deadline: the request may or may not have been carried out. */
  | 'timeout'
  /** The connection dropped after the request went out: same uncertainty as a timeout. */
  | 'network'
  /** No connection could be made: nothing reached Graph. */
  | 'unreachable'
  | 'unexpected';

/**
 * Why a 403 happened, from Graph's error code (never from its message): the user is told what they or an
 * admin can do about it.
 */
export type ForbiddenReason = 'accessDenied' | 'missingPermission' | 'conditionalAccess' | 'unknown';

/** A Graph call that did not succeed, as a typed value the flows can branch on. */
export class GraphFailure extends Error {
  override readonly name = 'GraphFailure';
  constructor(
    readonly kind: GraphFailureKind,
    readonly status: number,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
    readonly retryAfterSeconds: number | undefined = undefined,
    /** A Continuous Access Evaluation claims challenge (401 WWW-Authenticate `error="insufficient_claims"`). */
    readonly claimsChallenge = false,
  ) {
    super(`Graph ${kind} (${status}${code ? ` ${code}` : ''})`);
  }

  get forbiddenReason(): ForbiddenReason {
    if (this.code === 'insufficient_claims' || this.claimsChallenge) return 'conditionalAccess';
    if (this.code === 'ErrorAccessDenied') return 'accessDenied';
    if (this.code === 'Authorization_RequestDenied' || this.code === 'Forbidden') return 'missingPermission';
    return 'unknown';
  }

  /**
   * Graph promises the request was not carried out: a 4xx refusal (429 included), a 503 throttling answer
   * with Retry-After, or no connection at all. Anything else (other 5xx, a timeout, a dropped connection)
   * leaves the outcome of a write unknown: see docs/decisions.md "Exactly once".
   */
  get nothingDone(): boolean {
    if (this.kind === 'unreachable') return true;
    if (this.status >= 400 && this.status < 500) return true;
    return this.status === 503 && this.retryAfterSeconds !== undefined;
  }
}

export function kindForStatus(status: number): GraphFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'throttled';
  if (status === 503 || status === 504 || status === 502) return 'unavailable';
  if (status === 400) return 'badRequest';
  if (status <= 0) return 'network';
  return 'unexpected';
}

/** Converts whatever the Graph SDK threw into a GraphFailure; anything else is rethrown untouched. */
export function toGraphFailure(error: unknown): GraphFailure {
  if (error instanceof GraphFailure) return error;
  if (error instanceof GraphTransportError)
    return new GraphFailure(TRANSPORT_KINDS.get(error.reason) ?? 'network', 0, undefined, undefined);
  if (error instanceof GraphError) {
    const status = error.statusCode;
    const authenticate = error.headers?.get('www-authenticate') ?? null;
    return new GraphFailure(
      kindForStatus(status),
      status,
      error.code ?? undefined,
      error.requestId ?? error.headers?.get('request-id') ?? undefined,
      parseRetryAfter(error.headers?.get('retry-after') ?? null),
      status === 401 && isClaimsChallenge(authenticate),
    );
  }
  throw error;
}

const TRANSPORT_KINDS = new Map<GraphTransportError['reason'], GraphFailureKind>([
  ['timeout', 'timeout'],
  ['dropped', 'network'],
  ['refused', 'unreachable'],
]);

/**
 * Graph's Continuous Access Evaluation answers 401 with
 * `WWW-Authenticate: Bearer … error="insufficient_claims", claims="…"`
 * (https://learn.microsoft.com/entra/identity-platform/claims-challenge). The parameter is matched as an
 * auth-param, not as free text.
 */
export function isClaimsChallenge(header: string | null): boolean {
  if (!header) return false;
  return /(?:^|[\s,])error\s*=\s*"?insufficient_claims"?(?:$|[\s,])/i.test(header);
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
