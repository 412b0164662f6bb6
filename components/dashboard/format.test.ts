import { describe, expect, it } from 'vitest';
import { asSentence, formatAge, formatCount, formatLatency, formatRate } from '@/components/dashboard/format';

describe('dashboard formats', () => {
  it.each([
    [null, '—'],
    [1, '100%'],
    [0, '0%'],
    [5 / 6, '83.3%'],
    [0.9995, '99.9%'],
    [0.0004, '0.1%'],
    [0.5, '50%'],
  ])('rate %s → %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });

  it.each([
    [null, '—'],
    [12.4, '12 ms'],
    [999, '999 ms'],
    [1_500, '1.5 s'],
    [2_000, '2 s'],
    [138_000, '2.3 min'],
    [7_200_000, '2 h'],
  ])('latency %s → %s', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });

  it('writes counts with separators and ages shortly', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    const now = Date.UTC(2026, 10, 29, 12, 0, 0);
    expect(formatAge(now - 8_000, now)).toBe('8 s');
    expect(formatAge(new Date(now - 4 * 60_000).toISOString(), now)).toBe('4 min');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 h');
    expect(formatAge(now - 2 * 86_400_000, now)).toBe('2 d');
    expect(formatAge(now + 5_000, now)).toBe('0 s');
  });

  it('ends a reason with exactly one full stop', () => {
    expect(asSentence('Braze answered 401 (a key of another cluster also gets 401).')).toBe('Braze answered 401 (a key of another cluster also gets 401).');
    expect(asSentence('Braze answered 403 Forbidden ')).toBe('Braze answered 403 Forbidden.');
  });
});
