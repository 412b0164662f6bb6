import { describe, expect, it } from 'vitest';
import { measureJsonBytes } from '@/lib/braze/json';
import { EVENT_PROPERTY_LIMITS, enforceEventPropertyRules, jsonBytesBound } from '@/lib/braze/properties';
import type { JsonValue } from '@/lib/braze/types';

const long = (n: number) => 'x'.repeat(n);

describe('enforceEventPropertyRules', () => {
  it.each([
    ['empty key', { '': 1 }, 'empty_key'],
    ['key over 255 characters', { [long(256)]: 1 }, 'key_too_long'],
    ['leading $', { $plan: 'pro' }, 'dollar_key'],
    ['reserved time', { time: '2024-01-01' }, 'reserved_key'],
    ['reserved event_name', { event_name: 'x' }, 'reserved_key'],
    ['string over 255 characters', { url: long(256) }, 'string_too_long'],
    ['null value', { plan: null }, 'unsupported_value'],
    ['undefined value', { plan: undefined }, 'unsupported_value'],
    ['NaN', { score: Number.NaN }, 'unsupported_value'],
    ['Infinity', { score: Number.POSITIVE_INFINITY }, 'unsupported_value'],
    ['bigint', { big: BigInt(1) }, 'unsupported_value'],
    ['Date instance', { at: new Date(0) }, 'unsupported_value'],
    ['function', { fn: () => 1 }, 'unsupported_value'],
    ['NaN nested in an array', { list: [1, Number.NaN] }, 'unsupported_value'],
  ])('drops %s and reports it', (_name, input, reason) => {
    const result = enforceEventPropertyRules({ ...input, kept: 1 });
    expect(result.properties).toEqual({ kept: 1 });
    expect(result.issues).toEqual([
      { key: Object.keys(input)[0], action: 'dropped', reason, detail: expect.stringMatching(/\S/) },
    ]);
  });

  it.each([
    ['key of exactly 255 characters', { [long(255)]: 1 }],
    ['string of exactly 255 characters', { s: long(255) }],
    ['dollar inside a key', { 'price$': 1 }],
    ['number, boolean, datetime string', { n: 1.5, b: false, d: '2024-01-01T00:00:00Z' }],
    ['nested array and object', { list: [1, 'a'], obj: { a: { b: [true] } } }],
    ['key named like a prototype member', { constructor: 'c', __proto__x: 1 }],
  ])('keeps %s unchanged', (_name, input) => {
    expect(enforceEventPropertyRules(input)).toEqual({ properties: input, issues: [] });
  });

  it('keeps a __proto__ key as data without touching the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const { properties } = enforceEventPropertyRules(input);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.hasOwn(properties, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops the largest nested values until the object fits in 100 KB', () => {
    const limit = EVENT_PROPERTY_LIMITS.maxBytesWithNestedValues;
    const big = Array.from({ length: 600 }, () => long(100)); // ~61 KB
    const medium = Array.from({ length: 400 }, () => long(100)); // ~41 KB
    const small = ['a'];
    const result = enforceEventPropertyRules({ big, medium, small, plan: 'pro' });
    expect(result.properties).toEqual({ medium, small, plan: 'pro' });
    expect(result.issues).toEqual([{ key: 'big', action: 'dropped', reason: 'object_too_large', detail: expect.stringContaining(String(limit)) }]);
  });

  it('does not apply the size limit to scalar-only properties', () => {
    const input = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, long(250)]));
    expect(enforceEventPropertyRules(input).issues).toEqual([]);
  });

  it('reports every problem, in input order', () => {
    const result = enforceEventPropertyRules({ $a: 1, ok: 2, time: 3, b: null });
    expect(result.properties).toEqual({ ok: 2 });
    expect(result.issues.map((issue) => [issue.key, issue.reason])).toEqual([
      ['$a', 'dollar_key'],
      ['time', 'reserved_key'],
      ['b', 'unsupported_value'],
    ]);
  });

  it('keeps a __proto__ key as data when another property is dropped', () => {
    const input = JSON.parse('{"$x": 1, "__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const result = enforceEventPropertyRules(input);
    expect(JSON.stringify(result.properties)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(Object.getPrototypeOf(result.properties)).toBe(Object.prototype);
    expect(result.issues.map((issue) => issue.key)).toEqual(['$x']);
  });

  it.each([
    ['all pass', { b: 1, 2: 'two', a: [1, { c: 'x' }], 1: true }],
    ['one dropped', { b: 1, 2: 'two', $a: 3, a: { c: ['x'] }, 1: true }],
  ])('keeps the key order and copies nested values when %s', (_name, input: Record<string, unknown>) => {
    const { properties } = enforceEventPropertyRules(input);
    expect(properties).not.toBe(input);
    expect(Object.keys(properties)).toEqual(Object.keys(input).filter((key) => key !== '$a'));
    expect(properties.a).toEqual(input.a);
    expect(properties.a).not.toBe(input.a);
  });

  it('copies neither symbol keys nor the prototype of the input', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { plan: 'pro' });
    const tagged = { plan: 'pro', [Symbol('tag')]: 1 };
    for (const input of [bare, tagged]) {
      const { properties } = enforceEventPropertyRules(input);
      expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
      expect(Object.getOwnPropertySymbols(properties)).toEqual([]);
      expect(properties).toEqual({ plan: 'pro' });
    }
  });

  it('measures the nested limit exactly when a rough bound would exceed it', () => {
    const limit = EVENT_PROPERTY_LIMITS.maxBytesWithNestedValues;
    // ~60 KB of plain text: within the limit, though six bytes per character would not be.
    const text = [long(60_000)];
    expect(enforceEventPropertyRules({ text, plan: 'pro' })).toEqual({ properties: { text, plan: 'pro' }, issues: [] });
    // Control characters take six bytes each in JSON (\u0001): 17,000 of them exceed 100,000 bytes.
    const escaped = ['\u0001'.repeat(17_000)];
    const result = enforceEventPropertyRules({ escaped, plan: 'pro' });
    expect(result.properties).toEqual({ plan: 'pro' });
    expect(result.issues).toEqual([{ key: 'escaped', action: 'dropped', reason: 'object_too_large', detail: expect.stringContaining(String(limit)) }]);
  });

  it('drops nested values until a mix just over the limit fits, ties going to the first', () => {
    const limit = EVENT_PROPERTY_LIMITS.maxBytesWithNestedValues;
    const half = (fill: string) => ({ text: fill.repeat(limit / 2) });
    const first = half('a');
    const second = half('b');
    const input = { first, second, n: 1 };
    expect(measureJsonBytes(input)).toBeGreaterThan(limit);
    const result = enforceEventPropertyRules(input);
    expect(result.properties).toEqual({ second, n: 1 });
    expect(result.issues.map((issue) => [issue.key, issue.reason])).toEqual([['first', 'object_too_large']]);
  });

  it('keeps, orders and drops for size as the entries-based rules did, for mixed properties', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomProperties(seed);
      const result = enforceEventPropertyRules(input);
      const expected = referenceRules(input);
      expect(JSON.stringify(result.properties)).toBe(JSON.stringify(expected.properties));
      expect(result.issues).toEqual(expected.issues);
      for (const issue of result.issues) seen.add(issue.reason === 'object_too_large' ? 'too large' : 'problem');
      if (result.issues.length === 0) seen.add('all kept');
    }
    // The generated cases reach every path: all kept, a property dropped, the size limit.
    expect([...seen].sort()).toEqual(['all kept', 'problem', 'too large']);
  });
});

describe('jsonBytesBound', () => {
  it.each<[string, JsonValue]>([
    ['ascii', 'plain text'],
    ['escapes', '"\\\n\u0001\t'],
    ['non-ASCII', 'Zürich 中文 🙂'],
    ['lone surrogate', '\ud800x'],
    ['numbers', [0, -0, 1.5, -1.2345678901234567e-300, -0.0000012345678901234567, 1e21, -123456789012345680000]],
    ['nesting', { a: [true, false, null], b: { c: '' }, '': [] }],
    ['empty', {}],
  ])('is at least the JSON size: %s', (_name, value) => {
    expect(jsonBytesBound(value, Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(measureJsonBytes(value));
  });

  it('covers the longest numbers JSON writes', () => {
    let random = 1;
    for (let i = 0; i < 10_000; i++) {
      random = (random * 48_271) % 2_147_483_647;
      const value = -(random / 2_147_483_647) * 10 ** ((i % 40) - 20);
      expect(jsonBytesBound(value, Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(measureJsonBytes(value));
    }
  });

  it('stops past the budget', () => {
    expect(jsonBytesBound([long(100), long(100), long(100)], 50)).toBeGreaterThan(50);
  });
});

/**
 * The rules as first written, with entries arrays, as the reference for the faster version; the
 * per-property problems (covered case by case above) are taken from the version under test.
 */
function referenceRules(input: Record<string, unknown>) {
  const issues = enforceEventPropertyRules(input).issues.filter((issue) => issue.reason !== 'object_too_large');
  const droppedKeys = new Set(issues.map((issue) => issue.key));
  let entries = Object.entries(input)
    .filter(([key]) => !droppedKeys.has(key))
    .map(([key, value]) => [key, JSON.parse(JSON.stringify(value)) as JsonValue] as const);
  const nested = (value: JsonValue) => typeof value === 'object' && value !== null;
  const limit = EVENT_PROPERTY_LIMITS.maxBytesWithNestedValues;
  while (entries.some(([, value]) => nested(value)) && measureJsonBytes(Object.fromEntries(entries)) > limit) {
    const largest = entries.filter(([, value]) => nested(value)).reduce((a, b) => (measureJsonBytes(b[1]) > measureJsonBytes(a[1]) ? b : a));
    issues.push({ key: largest[0], action: 'dropped', reason: 'object_too_large', detail: `properties with arrays or objects are limited to ${limit} bytes` });
    entries = entries.filter((entry) => entry !== largest);
  }
  return { properties: Object.fromEntries(entries), issues };
}

function randomProperties(seed: number): Record<string, unknown> {
  let state = seed;
  const next = (n: number) => {
    state = (state * 48_271) % 2_147_483_647;
    return state % n;
  };
  const keys = ['plan', 'price', '$x', 'time', '', '2', '__proto__', 'constructor', 'tags', 'cart', 'url', 'note'];
  const values = [
    () => 'pro',
    () => next(1000) / 7,
    () => null,
    () => undefined,
    () => Number.NaN,
    () => long(200 + next(100)),
    () => [1, 'a', next(2) === 0],
    () => ({ a: { b: [next(10)] } }),
    () => Array.from({ length: 1 + next(3) }, () => long(20_000 + next(30_000))),
    () => new Date(0),
  ];
  const input: Record<string, unknown> = {};
  const count = 1 + next(keys.length);
  for (let i = 0; i < count; i++) {
    Object.defineProperty(input, keys[next(keys.length)]!, { value: values[next(values.length)]!(), writable: true, enumerable: true, configurable: true });
  }
  return input;
}

