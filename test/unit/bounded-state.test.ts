import { MemoryClaimStore } from '../../src/storage/claims';
import { ExpiringMap } from '../../src/storage/expiring-map';
import { BoundedMemoryStorage } from '../../src/storage/memory-storage';

const HOUR = 60 * 60 * 1000;

/** A clock the test moves by hand. */
function clock(start = 1_700_000_000_000): { now: () => number; advance(ms: number): void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('ExpiringMap', () => {
  test('an entry lives ttl from its last write', () => {
    const time = clock();
    const map = new ExpiringMap<string>({ ttlMs: HOUR, maxBytes: 1e6 }, () => 1, time.now);
    map.set('a', 'first');
    time.advance(HOUR - 1);
    expect(map.get('a')).toBe('first');
    map.set('a', 'again');
    time.advance(HOUR - 1);
    expect(map.get('a')).toBe('again');
    time.advance(1);
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  test('over the size budget the oldest entries go first, and the count of live ones dropped is returned', () => {
    const map = new ExpiringMap<string>({ ttlMs: HOUR, maxBytes: 3 }, () => 1);
    expect([map.set('a', '1'), map.set('b', '2'), map.set('c', '3')]).toEqual([0, 0, 0]);
    expect(map.set('d', '4')).toBe(1);
    expect(['a', 'b', 'c', 'd'].map((key) => map.get(key))).toEqual([undefined, '2', '3', '4']);
    map.set('b', '2 again');
    map.set('e', '5');
    expect(['b', 'c', 'd', 'e'].map((key) => map.get(key))).toEqual(['2 again', undefined, '4', '5']);
    expect(map.bytes).toBe(3);
  });

  test('expired entries are swept on write, whether or not anyone reads them', () => {
    const time = clock();
    const map = new ExpiringMap<number>({ ttlMs: HOUR, maxBytes: 1e6 }, () => 10, time.now);
    for (let i = 0; i < 1000; i++) map.set(`old/${i}`, i);
    time.advance(HOUR);
    expect(map.set('new', 1)).toBe(0);
    expect(map.size).toBe(1);
    expect(map.bytes).toBe(10);
  });
});

describe('BoundedMemoryStorage', () => {
  test('reads back copies, and follows MemoryStorage’s eTag rules', async () => {
    const storage = new BoundedMemoryStorage({ ttlMs: HOUR, maxBytes: 1e6 });
    await storage.write({ key: { value: 1 } });
    const first = (await storage.read(['key', 'missing'])) as Record<string, { value: number; eTag: string }>;
    expect(Object.keys(first)).toEqual(['key']);
    first.key.value = 99;
    expect(((await storage.read(['key'])) as Record<string, { value: number }>).key.value).toBe(1);
    await expect(storage.write({ key: { value: 2, eTag: 'stale' } })).rejects.toThrow('eTag conflict');
    await storage.write({ key: { value: 3, eTag: first.key.eTag } });
    await storage.write({ key: { value: 4, eTag: '*' } });
    await storage.delete(['key']);
    expect(await storage.read(['key'])).toEqual({});
  });

  test('keys are data: "__proto__" and "constructor" are ordinary keys', async () => {
    const storage = new BoundedMemoryStorage({ ttlMs: HOUR, maxBytes: 1e6 });
    expect(await storage.read(['constructor', '__proto__', 'toString'])).toEqual({});
    await storage.write({ constructor: { ok: true } });
    expect(await storage.read(['constructor'])).toEqual({ constructor: { ok: true, eTag: '1' } });
  });

  test('items expire after the TTL, and dropping live items for space is reported at most once a minute', async () => {
    const time = clock();
    const reports: number[] = [];
    const storage = new BoundedMemoryStorage(
      { ttlMs: HOUR, maxBytes: 5_000 },
      (n) => reports.push(n),
      time.now,
    );
    for (let i = 0; i < 100; i++) await storage.write({ [`draft/${i}`]: { body: 'x'.repeat(100) } });
    expect(storage.usage.bytes).toBeLessThanOrEqual(5_000);
    expect(reports).toHaveLength(1);
    time.advance(60_000);
    await storage.write({ next: { body: 'x'.repeat(100) } });
    expect(reports).toHaveLength(2);
    expect(reports.reduce((sum, n) => sum + n, 0)).toBe(100 + 1 - storage.usage.items);
    time.advance(HOUR);
    expect(await storage.read(['next'])).toEqual({});
  });
});

describe('MemoryClaimStore', () => {
  test('claims and authorship expire after the TTL; a live claim is held', async () => {
    const time = clock();
    const claims = new MemoryClaimStore({ ttlMs: HOUR, maxBytes: 1e6 }, time.now);
    expect(await claims.claim('attempt/x', 120_000)).toBe('won');
    expect(await claims.claim('attempt/x', 120_000)).toBe('held');
    time.advance(120_001);
    expect(await claims.claim('attempt/x', 120_000)).toBe('tookOver');
    expect(await claims.claimFor('author/x', 'alex')).toBe('alex');
    expect(await claims.claimFor('author/x', 'megan')).toBe('alex');
    time.advance(HOUR);
    expect(await claims.claimFor('author/x', 'megan')).toBe('megan');
    expect(await claims.claim('attempt/x')).toBe('won');
  });

  test('100,000 drafts’ claims stay within the budget', async () => {
    const claims = new MemoryClaimStore({ ttlMs: HOUR, maxBytes: 1024 * 1024 });
    for (let i = 0; i < 100_000; i++) await claims.claimFor(`author/draft/tenant/${i}`, `tenant/user-${i}`);
    expect(await claims.claimFor('author/draft/tenant/99999', 'someone else')).toBe('tenant/user-99999');
    expect(await claims.claimFor('author/draft/tenant/0', 'someone else')).toBe('someone else');
  });
});
