/** Injected failures and slowness, so callers' retry, timeout and error paths can be exercised on demand. */
import { claimsChallengeError } from './claims-challenge';
import { defaultCodeForStatus, defaultMessageForStatus, GraphError } from './errors';

interface FaultTarget {
  /**
   * Substring of the request path (with query) the fault applies to; all Graph requests when absent. With
   * `batchItem`, a substring of the sub-request's `url` as written in the batch body.
   */
  readonly path?: string;
}

/** Answer with an error status: instead of doing the work (default), or after doing it (`after`). */
export interface StatusFault extends FaultTarget {
  readonly status: number;
  readonly code?: string;
  readonly retryAfterSeconds?: number;
  /** Do and store the work, then answer the fault: Graph's "5xx but it happened anyway". */
  readonly after?: boolean;
  /** Fault one `$batch` sub-request (its own status and headers) while the batch itself answers 200. */
  readonly batchItem?: boolean;
  readonly reset?: false;
  readonly claimsChallenge?: false;
}

/** Do and store the work, then drop the connection without answering. */
export interface ResetFault extends FaultTarget {
  readonly reset: true;
  readonly status?: never;
  readonly code?: never;
  readonly retryAfterSeconds?: never;
  readonly after?: never;
  readonly batchItem?: false;
  readonly claimsChallenge?: false;
}

/** 401 with a Continuous Access Evaluation claims challenge in WWW-Authenticate, before any work. */
export interface ClaimsChallengeFault extends FaultTarget {
  readonly claimsChallenge: true;
  readonly status?: 401;
  readonly code?: never;
  readonly retryAfterSeconds?: never;
  readonly after?: never;
  readonly batchItem?: false;
  readonly reset?: false;
}

export type FaultSpec = StatusFault | ResetFault | ClaimsChallengeFault;

export type PendingFault = FaultSpec & { readonly remaining: number };

const FAULT_KEYS = [
  'status',
  'code',
  'retryAfterSeconds',
  'path',
  'after',
  'reset',
  'batchItem',
  'claimsChallenge',
] as const;

type FaultKey = (typeof FAULT_KEYS)[number];

const isFaultKey = (key: string): key is FaultKey => (FAULT_KEYS as readonly string[]).includes(key);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON bodies of the admin API write `null` for "not set"; treat it like an absent property. */
function field<T>(
  raw: Record<string, unknown>,
  name: FaultKey,
  check: (v: unknown) => v is T,
  type: string,
): T | undefined {
  const value = raw[name];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new RangeError(`${name} must be ${type}, got ${JSON.stringify(value)}`);
  return value;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

function forbid(raw: Record<string, unknown>, kind: string, names: readonly FaultKey[], why: string): void {
  const present = names.filter((n) => raw[n] !== undefined && raw[n] !== null);
  if (present.length > 0) throw new RangeError(`${kind} cannot have ${present.join(', ')}: ${why}`);
}

/**
 * Reads a fault from a test or from an admin request body. Throws RangeError on nonsense (unknown property,
 * wrong type, impossible combination) so a mistyped setup fails loudly instead of injecting nothing.
 */
export function parseFault(raw: unknown): FaultSpec {
  if (!isObject(raw)) throw new RangeError('a fault must be an object');
  const unknown = Object.keys(raw).filter((k) => !isFaultKey(k));
  if (unknown.length > 0) {
    throw new RangeError(`unknown fault properties: ${unknown.join(', ')} (known: ${FAULT_KEYS.join(', ')})`);
  }
  const path = field(raw, 'path', isString, 'a string');
  if (path === '') throw new RangeError('path must not be empty; leave it out to match every request');
  const target = path === undefined ? {} : { path };
  if (field(raw, 'reset', isBoolean, 'a boolean')) {
    forbid(
      raw,
      'a reset fault',
      ['status', 'code', 'retryAfterSeconds', 'after', 'batchItem', 'claimsChallenge'],
      'it always does the work and never answers (and a $batch sub-request has no connection of its own)',
    );
    return { ...target, reset: true };
  }
  if (field(raw, 'claimsChallenge', isBoolean, 'a boolean')) {
    forbid(
      raw,
      'a claims challenge',
      ['code', 'retryAfterSeconds', 'after', 'batchItem'],
      'it is always 401 InvalidAuthenticationToken before any work, for the whole (batch) request',
    );
    const status = field(raw, 'status', isNumber, 'a number');
    if (status !== undefined && status !== 401) {
      throw new RangeError(`a claims challenge is always status 401, got ${status}`);
    }
    return { ...target, claimsChallenge: true };
  }
  const status = field(raw, 'status', isNumber, 'a number');
  if (status === undefined) {
    throw new RangeError('status is required (unless reset or claimsChallenge is true)');
  }
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new RangeError(`status must be an integer between 400 and 599, got ${status}`);
  }
  const code = field(raw, 'code', isString, 'a string');
  if (code === '') throw new RangeError('code must not be empty; leave it out for the default per status');
  const retryAfterSeconds = field(raw, 'retryAfterSeconds', isNumber, 'a number');
  if (retryAfterSeconds !== undefined && (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0)) {
    throw new RangeError(`retryAfterSeconds must be a non-negative integer, got ${retryAfterSeconds}`);
  }
  const after = field(raw, 'after', isBoolean, 'a boolean');
  const batchItem = field(raw, 'batchItem', isBoolean, 'a boolean');
  return {
    ...target,
    status,
    ...(code === undefined ? {} : { code }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(after ? { after } : {}),
    ...(batchItem ? { batchItem } : {}),
  };
}

/** Throws RangeError on nonsense, like parseFault, and on a count that is not a positive integer. */
export function validateFault(count: number, fault: unknown): FaultSpec {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  return parseFault(fault);
}

/** The error a status or claims-challenge fault answers with. */
export function faultError(fault: StatusFault | ClaimsChallengeFault): GraphError {
  if (fault.claimsChallenge) return claimsChallengeError();
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  return new GraphError(
    fault.status,
    fault.code ?? defaultCodeForStatus(fault.status),
    defaultMessageForStatus(fault.status),
    headers,
  );
}

/** Whole requests and `$batch` sub-requests draw from separate faults, so neither consumes the other's. */
export type FaultScope = 'request' | 'batchItem';

export class FaultQueue {
  private pending: { spec: FaultSpec; remaining: number }[] = [];

  add(count: number, fault: unknown): void {
    this.pending.push({ spec: validateFault(count, fault), remaining: count });
  }

  /** Consumes one occurrence of the oldest fault of that scope matching the path, if any. */
  take(path: string, scope: FaultScope): FaultSpec | undefined {
    const entry = this.pending.find(
      (f) =>
        (f.spec.batchItem === true) === (scope === 'batchItem') &&
        (f.spec.path === undefined || path.includes(f.spec.path)),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending = this.pending.filter((f) => f !== entry);
    return entry.spec;
  }

  list(): PendingFault[] {
    return this.pending.map((f) => ({ ...f.spec, remaining: f.remaining }));
  }

  clear(): void {
    this.pending = [];
  }
}

export interface LatencyRule {
  readonly ms: number;
  readonly path?: string;
}

/** One rule per path filter; setting a filter again replaces it and 0 ms removes it. */
export class LatencyRules {
  private rules = new Map<string, number>();

  set(ms: number, path?: string): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ms must be a non-negative number, got ${ms}`);
    const key = path ?? '';
    if (ms === 0) this.rules.delete(key);
    else this.rules.set(key, ms);
  }

  /** The largest matching delay: rules do not add up, so a global and a specific rule stay predictable. */
  delayFor(path: string): number {
    let delay = 0;
    for (const [filter, ms] of this.rules) if (path.includes(filter)) delay = Math.max(delay, ms);
    return delay;
  }

  list(): LatencyRule[] {
    return [...this.rules].map(([path, ms]) => (path === '' ? { ms } : { ms, path }));
  }

  clear(): void {
    this.rules.clear();
  }
}
