import { describe, expect, it } from 'vitest';
import { describeKind, measureJsonBytes, readOwn, toJsonValue } from '@/lib/braze/json';
import { setOwn } from '@/lib/json/own-keys';

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

  it('returns copies, with the keys in order and __proto__ as a plain key', () => {
    const value = JSON.parse('{"b": [1, {"c": 2}], "2": true, "__proto__": {"polluted": true}, "constructor": "x"}') as Record<string, unknown>;
    const copy = toJsonValue(value) as Record<string, unknown>;
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(copy).not.toBe(value);
    expect(copy.b).not.toBe(value.b);
    expect((copy.b as unknown[])[1]).not.toBe((value.b as unknown[])[1]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps what Array.prototype.map made of sparse arrays and array subclasses', () => {
    const sparse = toJsonValue([1, , 'a']) as unknown[];
    expect(sparse).toHaveLength(3);
    expect(1 in sparse).toBe(false);
    expect(JSON.stringify(sparse)).toBe('[1,null,"a"]');
    expect(toJsonValue([1, , undefined])).toBeUndefined();
    class Tagged extends Array<unknown> {}
    const tagged = toJsonValue(Tagged.from([1, [2]]));
    expect(tagged).toBeInstanceOf(Tagged);
    expect(tagged).toEqual([1, [2]]);
  });

  it('refuses a value nested deeper than 32 levels', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 1 : depth % 2 === 0 ? [nest(depth - 1)] : { a: nest(depth - 1) });
    expect(toJsonValue(nest(32))).toEqual(nest(32));
    expect(toJsonValue(nest(33))).toBeUndefined();
  });
});

describe('setOwn', () => {
  it('defines __proto__ as an own key and assigns the others', () => {
    const record: Record<string, unknown> = {};
    setOwn(record, '__proto__', { polluted: true });
    setOwn(record, 'constructor', 'c');
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(record)).toBe('{"__proto__":{"polluted":true},"constructor":"c"}');
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')).toEqual({ value: { polluted: true }, writable: true, enumerable: true, configurable: true });
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
