import { describe, expect, it } from 'vitest';
import { resolveRange, resolveWindow, timeRangeSchema, TIME_RANGE_IDS } from '@/lib/metrics/time-range';

const NOW = new Date('2026-11-29T12:34:56.789Z');

describe('dashboard time ranges', () => {
  it.each([
    ['1h', 60_000, 60, '2026-11-29T11:35:00.000Z', '2026-11-29T12:35:00.000Z'],
    ['6h', 60_000, 360, '2026-11-29T06:35:00.000Z', '2026-11-29T12:35:00.000Z'],
    ['24h', 3_600_000, 24, '2026-11-28T13:00:00.000Z', '2026-11-29T13:00:00.000Z'],
    ['7d', 3_600_000, 168, '2026-11-22T13:00:00.000Z', '2026-11-29T13:00:00.000Z'],
    ['90d', 3_600_000, 2_160, '2026-08-31T13:00:00.000Z', '2026-11-29T13:00:00.000Z'],
  ] as const)('%s: whole buckets of %i ms, %i of them, the current one last', (range, step, buckets, from, to) => {
    const r = resolveRange(range, NOW);
    expect(r.stepMs).toBe(step);
    expect(r.from.toISOString()).toBe(from);
    expect(r.to.toISOString()).toBe(to);
    expect((r.to.getTime() - r.from.getTime()) / step).toBe(buckets);
  });

  it('a window of exactly 6 hours is still read per minute; longer ones per hour', () => {
    expect(resolveWindow(6 * 3_600_000, NOW).stepMs).toBe(60_000);
    expect(resolveWindow(6 * 3_600_000 + 60_000, NOW).stepMs).toBe(3_600_000);
  });

  it('accepts only the offered ranges', () => {
    expect(TIME_RANGE_IDS).toEqual(['1h', '6h', '24h', '7d', '30d', '90d']);
    expect(timeRangeSchema.safeParse('91d').success).toBe(false);
  });
});
