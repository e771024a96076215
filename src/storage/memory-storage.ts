import type { Storage, StoreItems } from 'botbuilder';
import { ExpiringMap, type ExpiryLimits, estimatedBytes } from './expiring-map';
import { emptyStoreItems } from './store-items';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * botbuilder's Storage in process memory, bounded: items expire and the whole store has a size budget.
 * botbuilder's MemoryStorage keeps every item for the life of the process, so each posted draft (~1.7 KB,
 * up to ~70 KB with a long body) stays forever. Same eTag rules as MemoryStorage: a write with an eTag that
 * is not "*" must match the stored one.
 *
 * Items are kept as UTF-8 JSON in their own byte arrays, outside V8's heap: a posted draft stays a day, and
 * V8 sizes its heap as a multiple of what is live on it, so every kilobyte kept as a string costs several of
 * resident memory under load, where a byte array costs its length plus a small handle
 * (docs/performance.md, "Memory").
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items: ExpiringMap<Uint8Array>;
  private etag = 1;
  private unreported = 0;
  private reportedAt = Number.NEGATIVE_INFINITY;

  /** `onEvicted` hears of live items dropped for space, at most once a minute, with the count since. */
  constructor(
    limits: ExpiryLimits,
    private readonly onEvicted: (count: number) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.items = new ExpiringMap<Uint8Array>(
      limits,
      (key, json) => estimatedBytes(key) + json.byteLength,
      now,
    );
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found = emptyStoreItems();
    for (const key of keys) {
      const json = this.items.get(key);
      if (json !== undefined) found[key] = JSON.parse(decoder.decode(json));
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const stored = this.items.get(key);
      const expected = (item as { eTag?: unknown }).eTag;
      if (stored !== undefined && typeof expected === 'string' && expected !== '*') {
        const current = (JSON.parse(decoder.decode(stored)) as { eTag?: string }).eTag;
        if (current !== expected) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      const json = encoder.encode(JSON.stringify({ ...item, eTag: String(this.etag++) }));
      this.report(this.items.set(key, json));
    }
  }

  private report(evicted: number): void {
    this.unreported += evicted;
    if (this.unreported === 0 || this.now() - this.reportedAt < 60_000) return;
    this.onEvicted(this.unreported);
    this.unreported = 0;
    this.reportedAt = this.now();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  /** Entries held and their estimated size, for tests and measurements. */
  get usage(): { items: number; bytes: number } {
    return { items: this.items.size, bytes: this.items.bytes };
  }
}
