/** Graceful stop on SIGTERM: refuse new work, let requests and posts in flight finish, bounded by a grace period. */
import type { Server as HttpServer } from 'node:http';
import type { ClaimResult, ClaimStore } from '../storage/claims';

/**
 * Counts the leases this process holds: claims taken with a stale limit (a draft's posting attempt) and not
 * yet released. The ledger releases its lease only after Graph answered and the outcome was stored, so a
 * count of zero means no post can be cut in half, including one still running after its invoke was answered
 * with the "Posting…" card. Permanent claims (authorship, SSO exchanges) are never released and not counted.
 */
export class LeaseTracker implements ClaimStore {
  private readonly held = new Set<string>();

  constructor(private readonly inner: ClaimStore) {}

  get size(): number {
    return this.held.size;
  }

  async claim(key: string, staleAfterMs?: number): Promise<ClaimResult> {
    const result = await this.inner.claim(key, staleAfterMs);
    if (result !== 'held' && staleAfterMs !== undefined) this.held.add(key);
    return result;
  }

  async release(key: string): Promise<void> {
    try {
      await this.inner.release(key);
    } finally {
      this.held.delete(key);
    }
  }

  claimFor(key: string, holder: string): Promise<string> {
    return this.inner.claimFor(key, holder);
  }
}

/** HTTP requests whose answer has not been sent yet. */
export function trackRequests(server: HttpServer): { readonly size: number } {
  let open = 0;
  server.on('request', (_req, res) => {
    open += 1;
    res.once('close', () => {
      open -= 1;
    });
  });
  return {
    get size() {
      return open;
    },
  };
}

export interface DrainResult {
  /** False when the grace period ran out with work still in flight. */
  drained: boolean;
  requests: number;
  posts: number;
  elapsedMs: number;
}

/**
 * Stops accepting connections (idle keep-alive ones close at once), then waits until no request and no post
 * is in flight, or graceMs passed; then the remaining connections are cut.
 */
export async function drain(
  server: HttpServer,
  inFlight: { requests: { readonly size: number }; posts: { readonly size: number } },
  graceMs: number,
): Promise<DrainResult> {
  const started = Date.now();
  server.close();
  server.closeIdleConnections();
  const deadline = started + graceMs;
  while (inFlight.requests.size + inFlight.posts.size > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const result = {
    drained: inFlight.requests.size + inFlight.posts.size === 0,
    requests: inFlight.requests.size,
    posts: inFlight.posts.size,
    elapsedMs: Date.now() - started,
  };
  server.closeAllConnections();
  return result;
}
