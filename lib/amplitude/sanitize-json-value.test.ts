import { describe, expect, it } from 'vitest';
import { INVALID_VALUE, sanitizeJsonObject } from '@/lib/amplitude/sanitize-json-value';

const limits = { maxDepth: 40, maxStringLength: 10 };

/** An object nested `levels` deep, the outermost counting as 1. */
function nest(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < levels; i++) value = { child: value };
  return value;
}

function nestArrays(levels: number): Record<string, unknown> {
  let value: unknown = 'leaf';
  for (let i = 1; i < levels; i++) value = [value];
  return { list: value };
}

describe('sanitizeJsonObject', () => {
  it.each([
    ['a string', 'x'],
    ['an array', [1]],
    ['null', null],
    ['a number', 1],
  ])('rejects %s as a property map', (_name, value) => {
    expect(sanitizeJsonObject(value, limits)).toBe(INVALID_VALUE);
  });

  it.each([
    ['objects', nest],
    ['arrays', nestArrays],
  ])('accepts 40 levels of %s and rejects 41', (_name, build) => {
    expect(sanitizeJsonObject(build(40), limits)).not.toBe(INVALID_VALUE);
    expect(sanitizeJsonObject(build(41), limits)).toBe(INVALID_VALUE);
  });

  it('rejects non-finite numbers, which JSON.parse makes of 1e400', () => {
    expect(sanitizeJsonObject(JSON.parse('{"a":{"b":[1e400]}}'), limits)).toBe(INVALID_VALUE);
  });

  it('truncates long strings at any depth and leaves the input untouched', () => {
    const input = { short: 'ok', deep: { list: ['0123456789abc', 2] } };
    expect(sanitizeJsonObject(input, limits)).toEqual({ short: 'ok', deep: { list: ['0123456789', 2] } });
    expect(input.deep.list[0]).toBe('0123456789abc');
  });

  it('returns the same object when nothing changes', () => {
    const input = { a: 'ok', b: [1, { c: null, d: true }] };
    expect(sanitizeJsonObject(input, limits)).toBe(input);
  });

  it('keeps __proto__ as a data key when it copies', () => {
    const input = JSON.parse('{"__proto__":{"polluted":"0123456789abc"},"x":1}') as Record<string, unknown>;
    const output = sanitizeJsonObject(input, limits) as Record<string, unknown>;
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.keys(output)).toEqual(['__proto__', 'x']);
    expect(Object.getOwnPropertyDescriptor(output, '__proto__')?.value).toEqual({ polluted: '0123456789' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
