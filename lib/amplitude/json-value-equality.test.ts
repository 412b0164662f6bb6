import { describe, expect, it } from 'vitest';
import { includesJsonValue, isSameJsonValue } from '@/lib/amplitude/json-value-equality';

describe('isSameJsonValue', () => {
  it.each([
    ['equal scalars', 1, 1, true],
    ['different scalars', 1, '1', false],
    ['null and an object', null, {}, false],
    ['equal objects in another key order', { a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    ['an object with one key more', { a: 1 }, { a: 1, b: 2 }, false],
    ['an object with one key less', { a: 1, b: 2 }, { a: 1 }, false],
    ['the same count of other keys', { a: 1, b: 2 }, { a: 1, c: 2 }, false],
    ['different nested values', { a: { b: [1, 2] } }, { a: { b: [1, 3] } }, false],
    ['lists of different lengths', [1, 2], [1, 2, 3], false],
    ['a list and an object', [1], { 0: 1 }, false],
    ['an object and a list', { 0: 1 }, [1], false],
    ['empty objects', {}, {}, true],
    ['a key missing on one side and undefined on the other', { a: undefined }, { b: undefined }, false],
  ])('%s', (_name, a, b, same) => {
    expect(isSameJsonValue(a, b)).toBe(same);
    expect(isSameJsonValue(b, a)).toBe(same);
  });

  it('counts own keys only and compares `__proto__` as data', () => {
    expect(isSameJsonValue(JSON.parse('{"__proto__": 1}'), {})).toBe(false);
    expect(isSameJsonValue(JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 1}'))).toBe(true);
    expect(isSameJsonValue(JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 2}'))).toBe(false);
    expect(isSameJsonValue(Object.create({ inherited: 1 }), {})).toBe(true);
    expect(isSameJsonValue({ constructor: 1 }, {})).toBe(false);
  });
});

describe('includesJsonValue', () => {
  it('finds a value by structure', () => {
    expect(includesJsonValue([1, { a: [2] }], { a: [2] })).toBe(true);
    expect(includesJsonValue([1, { a: [2] }], { a: [3] })).toBe(false);
    expect(includesJsonValue([], 1)).toBe(false);
  });
});
