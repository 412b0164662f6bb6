import { describe, expect, it } from 'vitest';
import type { UserPropertyChange } from '@/lib/amplitude';
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

  it('hands back its input when nothing is stale: same time, older times, relative operations only', () => {
    const ops = { $set: { plan: 'same' }, $add: { plan: 1 }, $append: { city: 'x' } };
    expect(withoutStaleWrites(ops, times, 200)).toBe(ops);
    expect(withoutStaleWrites(ops, {}, 0)).toBe(ops);
    expect(withoutStaleWrites({ $add: { plan: 1 } }, times, 0)).toEqual({ $add: { plan: 1 } });
  });

  it('drops stale names from a $unset list, keeping the other entries as sent', () => {
    expect(withoutStaleWrites({ $unset: ['plan', 'city', 3] }, times, 100)).toEqual({ $unset: ['city', 3] });
  });

  it('keeps the order of what it keeps and plain `__proto__` and `constructor` as data', () => {
    const ops = JSON.parse('{"b": 1, "__proto__": {"x": 1}, "$set": {"constructor": "c", "plan": "p", "__proto__": 2}, "a": 2}');
    const out = withoutStaleWrites(ops, { plan: 500, b: 500 }, 100);
    expect(out).not.toBe(ops);
    expect(Object.keys(out)).toEqual(['__proto__', '$set', 'a']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ x: 1 });
    const set = out.$set as Record<string, unknown>;
    expect(Object.keys(set)).toEqual(['constructor', '__proto__']);
    expect(Object.getPrototypeOf(set)).toBe(Object.prototype);
  });

  it('reads a stored `__proto__` time as a time, never an inherited member as one', () => {
    const stored = JSON.parse('{"__proto__": 500}');
    expect(withoutStaleWrites(JSON.parse('{"$set": {"__proto__": 1, "constructor": 2}}'), stored, 100)).toEqual({ $set: { constructor: 2 } });
  });
});

describe('recordWriteTimes', () => {
  const set = (key: string): UserPropertyChange => ({ key, op: 'set', value: 1 });

  it('keeps the newest time per property', () => {
    expect(recordWriteTimes({ a: 5, b: 1 }, [set('a'), set('b'), set('c')], 3)).toEqual({ a: 5, b: 3, c: 3 });
  });

  it('records sets and unsets only, never relative operations', () => {
    const changes: UserPropertyChange[] = [
      { key: 'u', op: 'unset' },
      { key: 'n', op: 'add', delta: 1, value: 1 },
      { key: 'l', op: 'append', values: [1], value: [1] },
      { key: 'r', op: 'remove', values: [1], value: undefined },
    ];
    expect(recordWriteTimes({}, changes, 7)).toEqual({ u: 7 });
  });

  it('hands back `times` itself when no time moves, and never modifies it', () => {
    const times = { a: 5, b: 9 };
    expect(recordWriteTimes(times, [set('a'), set('b')], 5)).toBe(times);
    expect(recordWriteTimes(times, [{ key: 'n', op: 'add', delta: 1, value: 1 }], 50)).toBe(times);
    const next = recordWriteTimes(times, [set('b'), set('a')], 6);
    expect(next).not.toBe(times);
    expect(Object.keys(next)).toEqual(['a', 'b']);
    expect(next).toEqual({ a: 6, b: 9 });
    expect(times).toEqual({ a: 5, b: 9 });
  });

  it('keeps `__proto__` and `constructor` as data properties', () => {
    const times = JSON.parse('{"__proto__": 1}');
    const next = recordWriteTimes(times, [set('__proto__'), set('constructor')], 4);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.keys(next)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(next, '__proto__')?.value).toBe(4);
    expect(next.constructor).toBe(4);
    expect(Object.getOwnPropertyDescriptor(times, '__proto__')?.value).toBe(1);
    expect(recordWriteTimes({}, [set('__proto__')], 2)).toEqual(JSON.parse('{"__proto__": 2}'));
  });
});
