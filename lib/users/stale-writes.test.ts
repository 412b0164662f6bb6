import { describe, expect, it } from 'vitest';
import { recordWriteTimes, withoutStaleWrites } from '@/lib/users/stale-writes';

describe('withoutStaleWrites', () => {
  const times = { plan: 200, city: 50 };

  it('drops writes to properties last written by a newer event, keeps the rest', () => {
    expect(
      withoutStaleWrites({ $set: { plan: 'old', city: 'Lyon' }, $unset: { plan: '-' }, $add: { visits: 1 }, plan: 'x', tier: 'gold' }, times, 100),
    ).toEqual({ $set: { city: 'Lyon' }, $unset: {}, $add: { visits: 1 }, tier: 'gold' });
  });

  it('keeps everything from a newer event and handles $unset lists and hostile keys as data', () => {
    expect(withoutStaleWrites({ $set: { plan: 'new' }, $unset: ['plan', 'city'] }, times, 300)).toEqual({ $set: { plan: 'new' }, $unset: ['plan', 'city'] });
    const out = withoutStaleWrites(JSON.parse('{"__proto__": {"polluted": 1}}'), {}, 1);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('recordWriteTimes', () => {
  it('keeps the newest time per property', () => {
    expect(recordWriteTimes({ a: 5, b: 1 }, ['a', 'b', 'c'], 3)).toEqual({ a: 5, b: 3, c: 3 });
  });
});
