import { describe, expect, it } from 'vitest';
import { EVENT_PROPERTY_LIMITS, enforceEventPropertyRules } from '@/lib/braze/properties';

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
});
