import { describe, expect, it } from 'vitest';
import { truncateString } from '@/lib/amplitude/truncate-string';

describe('truncateString', () => {
  it.each([
    ['shorter', 'abc', 5, 'abc'],
    ['exactly the limit', 'abcde', 5, 'abcde'],
    ['longer', 'abcdefg', 5, 'abcde'],
    ['a surrogate pair cut in half', 'abcd😀x', 5, 'abcd'],
    ['a surrogate pair that fits', 'abc😀x', 5, 'abc😀'],
    ['zero limit', 'abc', 0, ''],
  ])('%s', (_name, input, max, expected) => {
    expect(truncateString(input, max)).toBe(expected);
  });

  it('returns the same string when nothing is cut', () => {
    const value = 'x'.repeat(1024);
    expect(truncateString(value, 1024)).toBe(value);
  });
});
