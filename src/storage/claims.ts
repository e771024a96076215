/** Claims: the interface, and the in-memory store (blob-claims.ts has the shared one, loaded only when used). */
import { ExpiringMap, type ExpiryLimits, estimatedBytes } from './expiring-map';
import { MEMORY_CLAIM_LIMITS } from './limits';

export type ClaimResult = 'won' | 'tookOver' | 'held';

/**
 * "First one wins" across every instance of the bot: claim(key) is true for exactly one caller. botbuilder's
 * Storage interface cannot express create-if-absent (its eTag writes are compare-and-swap on an existing
 * item), and that is what deduplicating a token exchange or a draft submission needs.
 */
export interface ClaimStore {
  /**
   * 'won' for the first caller; 'tookOver' for a caller that found the claim older than staleAfterMs (its
   * holder may have died half-way, so the winner must check what that holder already did); else 'held'.
   */
  claim(key: string, staleAfterMs?: number): Promise<ClaimResult>;
  release(key: string): Promise<void>;
  /** A permanent claim that remembers its winner: the first holder stays; every caller learns who it is. */
  claimFor(key: string, holder: string): Promise<string>;
}

/**
 * Claims in process memory. Like bot state they expire and have a size budget (storage.ts): authorship and
 * SSO-exchange claims are never released, so without a bound every draft and sign-in would stay for good.
 */
export class MemoryClaimStore implements ClaimStore {
  private readonly claimedAt: ExpiringMap<number>;
  private readonly holders: ExpiringMap<string>;

  constructor(
    limits: ExpiryLimits = MEMORY_CLAIM_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    // The two maps share the budget: claims are small and equally numerous.
    const half = { ...limits, maxBytes: limits.maxBytes / 2 };
    this.claimedAt = new ExpiringMap<number>(half, (key) => estimatedBytes(key), now);
    this.holders = new ExpiringMap<string>(half, (key, holder) => estimatedBytes(key, holder), now);
  }

  async claim(key: string, staleAfterMs?: number): Promise<ClaimResult> {
    const previous = this.claimedAt.get(key);
    if (previous !== undefined && !isStale(previous, staleAfterMs, this.now())) return 'held';
    this.claimedAt.set(key, this.now());
    return previous === undefined ? 'won' : 'tookOver';
  }

  async release(key: string): Promise<void> {
    this.claimedAt.delete(key);
  }

  async claimFor(key: string, holder: string): Promise<string> {
    const current = this.holders.get(key);
    if (current !== undefined) return current;
    this.holders.set(key, holder);
    return holder;
  }
}

/** Whether a claim taken at `claimedAt` may be taken over (its holder presumably died). */
export function isStale(
  claimedAt: number,
  staleAfterMs: number | undefined,
  now: number = Date.now(),
): boolean {
  return staleAfterMs !== undefined && now - claimedAt > staleAfterMs;
}
