/** A Map whose entries expire a fixed time after they were last written, within a total size budget. */

export interface ExpiryLimits {
  /** Entries are forgotten this long after their last write. */
  ttlMs: number;
  /** When the entries' estimated sizes add up to more, the oldest are dropped first. */
  maxBytes: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  bytes: number;
}

/**
 * Every entry lives the same ttlMs from its last write, and a write moves the entry to the end of the Map's
 * insertion order: the first entry is always the next to expire, so expiry and the size budget are both
 * enforced by dropping from the front, in O(1) per write.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private totalBytes = 0;

  constructor(
    private readonly limits: ExpiryLimits,
    private readonly sizeOf: (key: string, value: V) => number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores the value; returns how many live entries had to be dropped to stay within the size budget. */
  set(key: string, value: V): number {
    this.delete(key);
    const bytes = this.sizeOf(key, value);
    this.entries.set(key, { value, expiresAt: this.now() + this.limits.ttlMs, bytes });
    this.totalBytes += bytes;
    return this.evict();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  private evict(): number {
    const now = this.now();
    let droppedForSpace = 0;
    for (const [key, entry] of this.entries) {
      const expired = entry.expiresAt <= now;
      if (!expired && this.totalBytes <= this.limits.maxBytes) break;
      this.delete(key);
      if (!expired) droppedForSpace += 1;
    }
    return droppedForSpace;
  }
}

/** What a string costs in memory, roughly: V8 keeps it as UTF-16, plus the entry's bookkeeping. */
export function estimatedBytes(...texts: string[]): number {
  return texts.reduce((sum, text) => sum + text.length * 2, 96);
}
