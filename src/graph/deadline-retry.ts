import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { parseRetryAfter } from './errors';

/** Answers that may be retried for a read: Graph was busy or its upstream did not answer in time. */
const RETRYABLE_READ = new Set([429, 502, 503, 504]);

export interface RetryPolicy {
  /** Epoch ms after which no retry starts: the caller must answer Teams before then. */
  deadline: number;
  maxRetries: number;
  /** First back-off when Graph sends no Retry-After; doubled each time. */
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Replaces the SDK's RetryHandler, which honours Retry-After up to 180 s, knows nothing of the invoke
 * deadline, and repeats POSTs after a 504. Here a retry is attempted only if it can start before the
 * deadline, and a write is repeated only when Graph promised it did nothing: 429, or 503 with Retry-After
 * (https://learn.microsoft.com/graph/throttling). A 502/504 after a POST may come after the work was done.
 */
export class DeadlineRetryHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly policy: RetryPolicy) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('DeadlineRetryHandler must not be the last middleware');
    const sleep = this.policy.sleep ?? defaultSleep;
    const safe = isSafeToRepeat(context);
    for (let attempt = 0; ; attempt++) {
      await next.execute(context);
      const response = context.response;
      if (!response || !mayRetry(response, safe) || attempt >= this.policy.maxRetries) return;
      const delayMs = this.delayFor(response, attempt);
      if (Date.now() + delayMs >= this.policy.deadline) return;
      await response.body?.cancel();
      await sleep(delayMs);
    }
  }

  private delayFor(response: Response, attempt: number): number {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfter !== undefined) return retryAfter * 1000;
    return this.policy.baseDelayMs * 2 ** attempt;
  }
}

function mayRetry(response: Response, safe: boolean): boolean {
  if (safe) return RETRYABLE_READ.has(response.status);
  if (response.status === 429) return true;
  return response.status === 503 && response.headers.has('retry-after');
}

/** Reads, and our `$batch` calls, which only ever carry GETs (graph/directory.ts). */
function isSafeToRepeat(context: Context): boolean {
  const method = (context.options?.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return true;
  const url = typeof context.request === 'string' ? context.request : context.request.url;
  // The path without query or fragment; parsing the whole URL costs more than the rest of this handler.
  return method === 'POST' && /^[^?#]*\/\$batch(?:[?#]|$)/.test(url);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
