/**
 * Reading delivery metrics for the dashboard: time series at minute resolution for short ranges
 * and hourly resolution for long ones (up to the retention period), with latency percentiles
 * computed from the summed histograms. Every query reads one sync's rows by primary-key range.
 */
import { prisma } from '@/lib/db/prisma';
import { COUNTER_NAMES, type CounterName } from '@/lib/metrics/counters';
import { addHistograms, emptyHistogram, quantileOf } from '@/lib/metrics/latency';

/** Ranges up to this long are read at minute resolution. */
export const MINUTE_RESOLUTION_MAX_MS = 6 * 3_600_000;

export type Totals = Record<CounterName, number>;

export interface SeriesPoint extends Totals {
  at: string;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
}

export interface SyncSeries {
  resolution: 'minute' | 'hour';
  from: string;
  to: string;
  points: SeriesPoint[];
  totals: Totals & { deliveryRate: number | null; latencyP50Ms: number | null; latencyP95Ms: number | null; latencyP99Ms: number | null };
}

type MetricRow = Partial<Record<CounterName, number>> & { latencyBuckets: number[] };

function emptyTotals(): Totals {
  return Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as Totals;
}

function addInto(t: Totals, row: MetricRow): void {
  for (const n of COUNTER_NAMES) t[n] += row[n] ?? 0;
}

/** delivered / (delivered + not delivered + expired), or null when nothing was attempted. */
export function deliveryRateOf(t: Pick<Totals, 'delivered' | 'notDelivered' | 'expired'>): number | null {
  const attempted = t.delivered + t.notDelivered + t.expired;
  return attempted === 0 ? null : t.delivered / attempted;
}

export async function loadSyncSeries(syncId: string, from: Date, to: Date): Promise<SyncSeries> {
  const resolution = to.getTime() - from.getTime() <= MINUTE_RESOLUTION_MAX_MS ? 'minute' : 'hour';
  const rows =
    resolution === 'minute'
      ? (await prisma().syncMinuteMetric.findMany({ where: { syncId, minute: { gte: from, lt: to } }, orderBy: { minute: 'asc' } })).map((r) => ({ ...r, at: r.minute }))
      : (await prisma().syncHourMetric.findMany({ where: { syncId, hour: { gte: from, lt: to } }, orderBy: { hour: 'asc' } })).map((r) => ({ ...r, at: r.hour }));
  const totals = emptyTotals();
  const histogram = emptyHistogram();
  const points = rows.map((r) => {
    addInto(totals, r);
    addHistograms(histogram, r.latencyBuckets);
    const point = { at: r.at.toISOString(), ...emptyTotals() };
    addInto(point, r);
    return {
      ...point,
      latencyP50Ms: quantileOf(r.latencyBuckets, 0.5),
      latencyP95Ms: quantileOf(r.latencyBuckets, 0.95),
      latencyP99Ms: quantileOf(r.latencyBuckets, 0.99),
    };
  });
  return {
    resolution,
    from: from.toISOString(),
    to: to.toISOString(),
    points,
    totals: {
      ...totals,
      deliveryRate: deliveryRateOf(totals),
      latencyP50Ms: quantileOf(histogram, 0.5),
      latencyP95Ms: quantileOf(histogram, 0.95),
      latencyP99Ms: quantileOf(histogram, 0.99),
    },
  };
}

/** Totals of every sync of a project over the last `ms` (from the hourly roll-up past 6 hours). */
export async function loadProjectTotals(projectId: string, sinceMs: number, now = new Date()): Promise<Map<string, SyncSeries['totals']>> {
  const from = new Date(now.getTime() - sinceMs);
  const syncs = await prisma().sync.findMany({ where: { projectId }, select: { id: true } });
  const out = new Map<string, SyncSeries['totals']>();
  for (const s of syncs) out.set(s.id, (await loadSyncSeries(s.id, from, now)).totals);
  return out;
}
