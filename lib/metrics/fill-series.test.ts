import { describe, expect, it } from 'vitest';
import { fillSeriesGaps } from '@/lib/metrics/fill-series';
import { emptyTotals, type SyncSeries } from '@/lib/metrics/queries';

const totals = { ...emptyTotals(), deliveryRate: null, latencyP50Ms: null, latencyP95Ms: null, latencyP99Ms: null };
const point = (at: string, delivered: number) => ({ at, ...emptyTotals(), delivered, latencyP50Ms: 5, latencyP95Ms: 9, latencyP99Ms: 10 });

describe('fillSeriesGaps', () => {
  it('gives every minute of the range, keeping stored points and zeroing the others', () => {
    const series: SyncSeries = {
      resolution: 'minute',
      from: '2026-11-29T12:00:00.000Z',
      to: '2026-11-29T12:05:00.000Z',
      points: [point('2026-11-29T12:01:00.000Z', 3), point('2026-11-29T12:04:00.000Z', 7)],
      totals,
    };
    const filled = fillSeriesGaps(series);
    expect(filled.points.map((p) => [p.at.slice(11, 16), p.delivered, p.latencyP95Ms])).toEqual([
      ['12:00', 0, null],
      ['12:01', 3, 9],
      ['12:02', 0, null],
      ['12:03', 0, null],
      ['12:04', 7, 9],
    ]);
    expect(filled.totals).toBe(totals);
  });

  it('steps by hours at hourly resolution, starting at the first whole hour', () => {
    const series: SyncSeries = { resolution: 'hour', from: '2026-11-29T09:30:00.000Z', to: '2026-11-29T12:00:00.000Z', points: [], totals };
    expect(fillSeriesGaps(series).points.map((p) => p.at.slice(11, 16))).toEqual(['10:00', '11:00']);
  });
});
