import { describe, expect, it } from 'vitest';
import { redactSecret, redactStrings } from '@/lib/braze/redact';

const KEY = 'a1b2c3d4-secret-key';

describe('redactSecret', () => {
  it.each([
    [`key ${KEY} echoed`, 'key [redacted] echoed'],
    [`${KEY}${KEY}`, '[redacted][redacted]'],
    ['Authorization: Bearer some-other-token', 'Authorization: Bearer [redacted]'],
    ['authorization: bearer "tok"', 'authorization: bearer [redacted]'],
    ["{'Authorization': 'Bearer tok'}", "{'Authorization': 'Bearer [redacted]'}"],
    ['nothing secret', 'nothing secret'],
  ])('%s', (input, expected) => {
    expect(redactSecret(input, KEY)).toBe(expected);
  });
});

describe('redactStrings', () => {
  it('scrubs every nested string and leaves other values alone', () => {
    const value = { reason: `bad ${KEY}`, list: [KEY, 1, null], nested: { ok: true, text: `x${KEY}` } };
    expect(redactStrings(value, KEY)).toEqual({ reason: 'bad [redacted]', list: ['[redacted]', 1, null], nested: { ok: true, text: 'x[redacted]' } });
  });
});
