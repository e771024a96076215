import { type ContainerClient, RestError } from '@azure/storage-blob';
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

/** Claims as blobs written with If-None-Match: * (and taken over with If-Match), which Azure applies atomically. */
export class BlobClaimStore implements ClaimStore {
  private ready: Promise<unknown> | undefined;

  /** The container comes from blob-container.ts: by connection string or by account URL and Entra ID. */
  constructor(private readonly container: ContainerClient) {}

  async claim(key: string, staleAfterMs?: number): Promise<ClaimResult> {
    this.ready ??= this.container.createIfNotExists();
    await this.ready;
    const blob = this.container.getBlockBlobClient(`claims/${encodeURIComponent(key)}`);
    if (await conditionalWrite(() => upload(blob, { ifNoneMatch: '*' }))) return 'won';
    if (staleAfterMs === undefined) return 'held';
    const properties = await blob.getProperties();
    const claimedAt = Number(properties.metadata?.claimedat ?? 0);
    if (!isStale(claimedAt, staleAfterMs)) return 'held';
    return (await conditionalWrite(() => upload(blob, { ifMatch: properties.etag }))) ? 'tookOver' : 'held';
  }

  async release(key: string): Promise<void> {
    await this.container.getBlockBlobClient(`claims/${encodeURIComponent(key)}`).deleteIfExists();
  }

  async claimFor(key: string, holder: string): Promise<string> {
    this.ready ??= this.container.createIfNotExists();
    await this.ready;
    const blob = this.container.getBlockBlobClient(`holders/${encodeURIComponent(key)}`);
    const body = Buffer.from(holder, 'utf8');
    const won = await conditionalWrite(() =>
      blob.upload(body, body.length, { conditions: { ifNoneMatch: '*' } }),
    );
    if (won) return holder;
    return (await blob.downloadToBuffer()).toString('utf8');
  }
}

type BlockBlob = ReturnType<ContainerClient['getBlockBlobClient']>;

function upload(blob: BlockBlob, conditions: { ifNoneMatch?: string; ifMatch?: string }): Promise<unknown> {
  return blob.upload('', 0, { conditions, metadata: { claimedat: String(Date.now()) } });
}

/** A lost race is an answer (false), not an error: 409 BlobAlreadyExists or 412 ConditionNotMet. */
async function conditionalWrite(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) return false;
    throw error;
  }
}

function isStale(claimedAt: number, staleAfterMs: number | undefined, now: number = Date.now()): boolean {
  return staleAfterMs !== undefined && now - claimedAt > staleAfterMs;
}
