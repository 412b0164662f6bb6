import { describe, expect, it } from 'vitest';
import { describeKind, measureJsonBytes, readOwn, toJsonValue } from '@/lib/braze/json';

describe('toJsonValue', () => {
  it.each([['text'], [1.5], [true], [null], [[1, 'a', null]], [{ a: { b: [1] } }]])('keeps %j', (value) => {
    expect(toJsonValue(value)).toEqual(value);
  });

  it.each([
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['bigint', BigInt(2)],
    ['symbol', Symbol('s')],
    ['Date', new Date(0)],
    ['undefined in an object', { a: undefined }],
    ['function in an array', [() => 1]],
  ])('refuses %s', (_name, value) => {
    expect(toJsonValue(value)).toBeUndefined();
  });

  it('refuses a cyclic object instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toJsonValue(cyclic)).toBeUndefined();
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(toJsonValue(bare)).toEqual({ a: 1 });
  });
});

describe('measureJsonBytes', () => {
  it.each([
    ['ascii', 'abc', 5],
    ['two-byte characters', 'éé', 6],
    ['emoji', '😀', 6],
    ['object', { a: 1 }, 7],
  ])('%s', (_name, value, bytes) => {
    expect(measureJsonBytes(value)).toBe(bytes);
  });
});

describe('readOwn', () => {
  it('reads own keys only', () => {
    expect(readOwn({ a: 1 }, 'a')).toBe(1);
    expect(readOwn({ a: 1 }, 'constructor')).toBeUndefined();
    expect(readOwn({ a: 1 }, '__proto__')).toBeUndefined();
  });
});

describe('describeKind', () => {
  it.each([
    [null, 'null'],
    [[1], 'array'],
    [Number.NaN, 'NaN'],
    [new Map(), 'Map'],
    [{}, 'object'],
    ['s', 'string'],
  ])('%s → %s', (value, kind) => {
    expect(describeKind(value)).toBe(kind);
  });
});

describe('measureJsonBytes', () => {
  it("is the UTF-8 size of the value's JSON, ASCII or not", () => {
    const utf8 = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;
    for (const value of [{ a: 'plain' }, { name: 'Zürich' }, ['🙂', 'é', '中文'], { lone: '\ud800' }, 'x'.repeat(1000), null, 42]) {
      expect(measureJsonBytes(value)).toBe(utf8(value));
    }
    expect(measureJsonBytes({ city: 'Zürich' })).toBe('{"city":"Zürich"}'.length + 1);
  });
});
