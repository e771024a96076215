/** Injected failures and slowness, so callers' retry, timeout and error paths can be exercised on demand. */

export interface FaultSpec {
  readonly status: number;
  readonly code?: string;
  readonly retryAfterSeconds?: number;
  /** Substring of the request path (with query) the fault applies to; all Graph requests when absent. */
  readonly path?: string;
}

export interface PendingFault extends FaultSpec {
  readonly remaining: number;
}

/** Throws RangeError on nonsense so a mistyped test setup fails loudly instead of injecting nothing. */
export function validateFault(count: number, fault: FaultSpec): void {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
    throw new RangeError(`status must be an integer between 400 and 599, got ${fault.status}`);
  }
  const retry = fault.retryAfterSeconds;
  if (retry !== undefined && (!Number.isInteger(retry) || retry < 0)) {
    throw new RangeError(`retryAfterSeconds must be a non-negative integer, got ${retry}`);
  }
}

export class FaultQueue {
  private pending: { spec: FaultSpec; remaining: number }[] = [];

  add(count: number, spec: FaultSpec): void {
    validateFault(count, spec);
    this.pending.push({ spec: { ...spec }, remaining: count });
  }

  /** Consumes one occurrence of the oldest fault matching the path, if any. */
  take(path: string): FaultSpec | undefined {
    const entry = this.pending.find((f) => f.spec.path === undefined || path.includes(f.spec.path));
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
