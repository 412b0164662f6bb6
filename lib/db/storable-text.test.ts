import { describe, expect, it } from 'vitest';
import { isStorableText, mayHoldUnstorableText, toStorableStrings, toStorableText } from '@/lib/db/storable-text';

describe('storable text', () => {
  it.each([
    ['{"a":"nul \\u0000"}', true],
    ['{"a":"lone \\ud83d"}', true],
    ['{"a":"low \\uDC00"}', true],
    ['{"a":"pair \\ud83d\\ude00"}', true],
    ['{"a":"plain é 🎉"}', false],
    ['{"a":"\\u00e9 \\u0041"}', false],
  ])('spots escapes that may need repair in %s', (json, expected) => {
    expect(mayHoldUnstorableText(json)).toBe(expected);
  });

  it('replaces NUL and unpaired surrogates, and keeps everything else', () => {
    expect(toStorableText('a\u0000b')).toBe('a\uFFFDb');
    expect(toStorableText('x\ud83dy')).toBe('x\uFFFDy');
    expect(toStorableText('\ude00')).toBe('\uFFFD');
    expect(toStorableText('pair 😀 é \u0007')).toBe('pair 😀 é \u0007');
    expect(['a\u0000', '\ud800', 'x\udc00'].map(isStorableText)).toEqual([false, false, false]);
    expect(['plain', 'pair 😀', ''].map(isStorableText)).toEqual([true, true, true]);
  });

  it('repairs keys and values at every depth, keeping prototype keys as data', () => {
    const input = JSON.parse('{"k\\u0000":["v\\u0000",{"__proto__":{"x":"\\ud800"}}],"n":1,"t":true,"z":null}') as Record<string, unknown>;
    const out = toStorableStrings(input);
    expect(out).toEqual(JSON.parse('{"k\\ufffd":["v\\ufffd",{"__proto__":{"x":"\\ufffd"}}],"n":1,"t":true,"z":null}'));
    expect(Object.hasOwn((out['k\uFFFD'] as object[])[1]!, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
