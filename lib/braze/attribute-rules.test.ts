import { describe, expect, it } from 'vitest';
import { checkArrayOperation, checkAttributeValue } from '@/lib/braze/attribute-rules';

const long = (n: number) => 'x'.repeat(n);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('checkAttributeValue: kept as sent', () => {
  it.each([
    ['string of 255 characters', long(255)],
    ['number', 42.5],
    ['boolean', true],
    ['null (removes the attribute)', null],
    ['array of 500 scalars', range(500)],
    ['nested object', { plan: { tier: 'pro', seats: 3, tags: ['a', 'b'] } }],
    ['nested date marker', { renewal: { $time: '2025-01-01' } }],
    ['array of objects over 500 items', Array.from({ length: 600 }, (_, i) => ({ id: i }))],
  ])('%s', (_name, value) => {
    expect(checkAttributeValue('attr', value)).toEqual({ ok: true, value });
  });
});

describe('checkAttributeValue: dropped', () => {
  it.each([
    ['string over 255 characters', long(256), 'string_too_long'],
    ['string over 255 inside an array', ['ok', long(256)], 'string_too_long'],
    ['string over 255 inside a nested object', { a: { b: long(256) } }, 'string_too_long'],
    ['NaN', Number.NaN, 'unsupported_value'],
    ['undefined', undefined, 'unsupported_value'],
    ['Map', new Map(), 'unsupported_value'],
    ['null inside an array', ['a', null], 'invalid_nested_value'],
    ['null inside a nested object', { a: null }, 'invalid_nested_value'],
    ['nested key with a dot', { 'a.b': 1 }, 'invalid_nested_key'],
    ['nested key with $', { $set: 1 }, 'invalid_nested_key'],
    ['nested key with a space', { 'first name': 'a' }, 'invalid_nested_key'],
    ['empty nested key', { '': 1 }, 'invalid_nested_key'],
    ['deep bad key', { a: [{ b: { 'c d': 1 } }] }, 'invalid_nested_key'],
    ['$time beside other keys', { renewal: { $time: '2025-01-01', x: 1 } }, 'invalid_nested_key'],
    ['nested key over 255 characters', { [long(256)]: 1 }, 'invalid_nested_key'],
    ['nested object over 100 KB', { blob: range(30_000).map(() => 'abcd') }, 'object_too_large'],
    ['array over 100 KB', range(400).map(() => long(255)), 'object_too_large'],
  ])('%s', (_name, value, reason) => {
    expect(checkAttributeValue('attr', value)).toEqual({
      ok: false,
      issue: { key: 'attr', action: 'dropped', reason, detail: expect.stringMatching(/\S/) },
    });
  });
});

describe('checkAttributeValue: changed', () => {
  it('keeps the newest 500 items of a longer array, as Braze would', () => {
    const result = checkAttributeValue('recent', range(600));
    expect(result).toEqual({
      ok: true,
      value: range(600).slice(100),
      issue: { key: 'recent', action: 'changed', reason: 'array_truncated', detail: expect.stringContaining('500') },
    });
  });
});

describe('checkArrayOperation', () => {
  it.each([
    ['add', ['a', 1, true]],
    ['remove', ['a']],
    ['remove', range(800)],
  ] as const)('%s keeps %j', (op, values) => {
    expect(checkArrayOperation('tags', op, values)).toEqual({ ok: true, values });
  });

  it('trims more than 500 values to add to the newest 500', () => {
    const result = checkArrayOperation('tags', 'add', range(501));
    expect(result).toMatchObject({ ok: true, values: range(501).slice(1), issue: { action: 'changed', reason: 'array_truncated' } });
  });

  it.each([
    ['not an array', 'a', 'invalid_operation'],
    ['empty list', [], 'invalid_operation'],
    ['null value', ['a', null], 'invalid_operation'],
    ['undefined value', [undefined], 'invalid_operation'],
    ['object value', [{ a: 1 }], 'invalid_operation'],
    ['NaN value', [Number.NaN], 'invalid_operation'],
    ['string over 255', [long(256)], 'string_too_long'],
  ])('drops %s', (_name, values, reason) => {
    expect(checkArrayOperation('tags', 'add', values)).toMatchObject({ ok: false, issue: { key: 'tags', action: 'dropped', reason } });
  });
});
