import { GroupNameCache } from '../../src/graph/group-names';

describe('GroupNameCache', () => {
  test('a name is known for its time to live, then forgotten', () => {
    let now = 1_000;
    const cache = new GroupNameCache(60_000, 100, () => now);
    cache.remember('g1', 'Project Falcon');

    now += 59_999;
    expect(cache.nameOf('g1')).toBe('Project Falcon');
    now += 1;
    expect(cache.nameOf('g1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test('remembering again renews the name and its time to live (a renamed group)', () => {
    let now = 0;
    const cache = new GroupNameCache(60_000, 100, () => now);
    cache.remember('g1', 'Falcon');
    now += 50_000;
    cache.remember('g1', 'Project Falcon');
    now += 50_000;

    expect(cache.nameOf('g1')).toBe('Project Falcon');
  });

  test('memory is bounded: beyond the limit the oldest entry goes', () => {
    const cache = new GroupNameCache(60_000, 2, () => 0);
    cache.remember('g1', 'One');
    cache.remember('g2', 'Two');
    cache.remember('g3', 'Three');

    expect(cache.size).toBe(2);
    expect(cache.nameOf('g1')).toBeUndefined();
    expect(cache.nameOf('g3')).toBe('Three');
  });
});
