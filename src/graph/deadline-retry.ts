import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { parseRetryAfter } from './errors';

const RETRYABLE = new Set([429, 503, 504]);

export interface RetryPolicy {
  /** Epoch ms after which no retry starts: the caller must answer Teams before then. */
  deadline: number;
  maxRetries: number;
  /** First back-off when Graph sends no Retry-After; doubled each time. */
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Replaces the SDK's RetryHandler, which honours Retry-After up to 180 s and knows nothing of the invoke
 * deadline. Here a retry is attempted only if it can start before the deadline; otherwise the throttled
 * response goes up to the caller, who tells the user to try again.
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
    for (let attempt = 0; ; attempt++) {
      await next.execute(context);
      const response = context.response;
      if (!response || !RETRYABLE.has(response.status) || attempt >= this.policy.maxRetries) return;
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

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
