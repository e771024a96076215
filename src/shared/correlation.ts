/** One correlation id per turn, carried through every await (and any work the turn leaves running). */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const current = new AsyncLocalStorage<string>();

/**
 * Runs `work` under a fresh id. Log lines written inside it, including a background post that outlives the
 * HTTP answer, carry the id, so one search finds a turn's whole story next to Graph's request-id.
 */
export function withCorrelationId<T>(work: () => T, id: string = randomUUID()): T {
  return current.run(id, work);
}

export function correlationId(): string | undefined {
  return current.getStore();
}
