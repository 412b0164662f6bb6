import { describe, expect, it } from 'vitest';
import { ProjectKeyCache } from '@/lib/projects/key-cache';

function keysSource(initial: { id: string; apiKey: string }[]) {
  const rows = [...initial];
  let loads = 0;
  return {
    rows,
    loads: () => loads,
    // The loader is never given the key being looked up: keys are only compared by digest.
    load: async (...args: unknown[]) => {
      expect(args).toEqual([]);
      loads++;
      return rows.map((r) => ({ ...r }));
    },
  };
}

describe('ProjectKeyCache', () => {
  it('answers known keys from memory and unknown ones as null', async () => {
    const source = keysSource([{ id: 'p1', apiKey: 'key-one-0123456789' }]);
    const cache = new ProjectKeyCache({ loadKeys: source.load });
    await cache.start();
    cache.stop();
    expect(await cache.resolve('key-one-0123456789')).toBe('p1');
    expect(await cache.resolve('key-one-012345678')).toBeNull();
    expect(await cache.resolve('key-one-0123456789x')).toBeNull();
  });

  it('finds a key created after the last refresh by reloading, at most once per unknown key and window', async () => {
    const source = keysSource([]);
    const cache = new ProjectKeyCache({ loadKeys: source.load, negativeTtlMs: 60_000 });
    await cache.start();
    cache.stop();
    source.rows.push({ id: 'p2', apiKey: 'key-two-0123456789' });
    expect(await cache.resolve('key-two-0123456789')).toBe('p2');
    const loads = source.loads();
    expect(await cache.resolve('nope-0123456789abc')).toBeNull();
    expect(await cache.resolve('nope-0123456789abc')).toBeNull();
    expect(source.loads()).toBe(loads + 1);
  });

  it('shares one reload between concurrent misses', async () => {
    const source = keysSource([]);
    const cache = new ProjectKeyCache({ loadKeys: source.load });
    await cache.start();
    cache.stop();
    const before = source.loads();
    await Promise.all(Array.from({ length: 50 }, (_, i) => cache.resolve(`flood-${i}-0123456789`)));
    expect(source.loads() - before).toBeLessThanOrEqual(2);
  });
});
