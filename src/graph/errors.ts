import { GraphError } from '@microsoft/microsoft-graph-client';

export type GraphFailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'throttled'
  | 'unavailable'
  | 'badRequest'
  | 'network'
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
  ) {
    super(`Graph ${kind} (${status}${code ? ` ${code}` : ''})`);
  }

  get forbiddenReason(): ForbiddenReason {
    if (this.code === 'insufficient_claims') return 'conditionalAccess';
    if (this.code === 'ErrorAccessDenied') return 'accessDenied';
    if (this.code === 'Authorization_RequestDenied' || this.code === 'Forbidden') return 'missingPermission';
    return 'unknown';
  }

  /** Safe to repeat the same request later: Graph said it did not process it. */
  get isTransient(): boolean {
    return this.kind === 'throttled' || this.kind === 'unavailable';
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
  if (error instanceof GraphError) {
    const status = error.statusCode;
    return new GraphFailure(
      kindForStatus(status),
      status,
      error.code ?? undefined,
      error.requestId ?? error.headers?.get('request-id') ?? undefined,
      parseRetryAfter(error.headers?.get('retry-after') ?? null),
    );
  }
  throw error;
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
