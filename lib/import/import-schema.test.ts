import { describe, expect, it } from 'vitest';
import { parseUtcHour, startImportSchema } from '@/lib/import/import-schema';
import { etaSecondsOf } from '@/lib/import/import-view';

describe('parseUtcHour', () => {
  it.each([
    ['2026-03-01T09:00', Date.UTC(2026, 2, 1, 9)],
    ['2026-03-01T09', Date.UTC(2026, 2, 1, 9)],
    ['2026-03-01T23:00:00.000Z', Date.UTC(2026, 2, 1, 23)],
  ])('reads %s as a UTC hour', (text, expected) => {
    expect(parseUtcHour(text)?.getTime()).toBe(expected);
  });

  it.each(['2026-02-30T09:00', '2026-03-01T24:00', '2026-03-01T09:30', '2026-03-01', 'yesterday'])('refuses %s', (text) => {
    expect(parseUtcHour(text)).toBeNull();
  });
});

describe('startImportSchema', () => {
  const valid = { startHour: '2026-03-01T00:00', endHour: '2026-03-01T23:00', apiKey: 'k', secretKey: 's' };

  it('defaults to the US region, attributes only and a 25 % share', () => {
    expect(startImportSchema.parse(valid)).toMatchObject({ region: 'US', attributesOnly: true, rateShare: 25 });
  });

  it.each([
    [{ endHour: '2026-02-28T23:00' }, 'endHour', 'The last hour must not come before the first'],
    [{ endHour: '2027-03-02T00:00' }, 'endHour', 'The Export API exports at most 365 days at once'],
    [{ apiKey: ' ' }, 'apiKey', "Enter the project's API key"],
    [{ rateShare: 0 }, 'rateShare', 'At least 1 %'],
    [{ rateShare: 101 }, 'rateShare', 'At most 100 %'],
  ])('refuses %o with a message on its field', (change, field, message) => {
    const result = startImportSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: [field], message }));
  });
});

describe('etaSecondsOf', () => {
  const base = { status: 'RUNNING' as const, bytesTotal: 1_000n, runBytesStart: 100n, runStartedAt: new Date(0) };

  it('projects the run’s pace onto what is left', () => {
    // 300 bytes in 10 s: the 600 left take 20 s.
    expect(etaSecondsOf({ ...base, bytesDone: 400n }, 10_000)).toBe(20);
  });

  it('says nothing before the pace means something, or when not running', () => {
    expect(etaSecondsOf({ ...base, bytesDone: 400n }, 1_000)).toBeNull();
    expect(etaSecondsOf({ ...base, bytesDone: 100n }, 10_000)).toBeNull();
    expect(etaSecondsOf({ ...base, status: 'PAUSED', bytesDone: 400n }, 10_000)).toBeNull();
  });
});
