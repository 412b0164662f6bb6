/**
 * Reading delivery metrics for the dashboard: time series at minute resolution for short ranges
 * and hourly resolution for long ones (up to the retention period), with latency percentiles
 * computed from the summed histograms. Every query reads syncs' rows by primary-key range.
 */
import { prisma } from '@/lib/db/prisma';
import { COUNTER_COLUMNS, COUNTER_NAMES, type CounterName } from '@/lib/metrics/counters';
import { addHistograms, emptyHistogram, quantileOf } from '@/lib/metrics/latency';
import { MINUTE_RESOLUTION_MAX_MS, resolveWindow } from '@/lib/metrics/time-range';
import { deliveryRateOf } from '@/lib/metrics/delivery-rate';

export { MINUTE_RESOLUTION_MAX_MS };
export { deliveryRateOf, unresolvedFailuresOf } from '@/lib/metrics/delivery-rate';

export type Totals = Record<CounterName, number>;

export interface SeriesPoint extends Totals {
  at: string;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
}

export type SummaryTotals = Totals & { deliveryRate: number | null; latencyP50Ms: number | null; latencyP95Ms: number | null; latencyP99Ms: number | null };

export interface SyncSeries {
  resolution: 'minute' | 'hour';
  from: string;
  to: string;
  points: SeriesPoint[];
  totals: SummaryTotals;
}

type MetricRow = Partial<Record<CounterName, number>> & { latencyBuckets: number[] };

export function emptyTotals(): Totals {
  return Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as Totals;
}

function addInto(t: Totals, row: MetricRow): void {
  for (const n of COUNTER_NAMES) t[n] += row[n] ?? 0;
}

function summarize(totals: Totals, histogram: readonly number[]): SummaryTotals {
  return {
    ...totals,
    deliveryRate: deliveryRateOf(totals),
    latencyP50Ms: quantileOf(histogram, 0.5),
    latencyP95Ms: quantileOf(histogram, 0.95),
    latencyP99Ms: quantileOf(histogram, 0.99),
  };
}

const TABLES = {
  minute: { table: 'sync_minute_metrics', time: 'minute' },
  hour: { table: 'sync_hour_metrics', time: 'hour' },
} as const;

// Table and column names come from this module and COUNTER_COLUMNS, never from input. A raw query
// because mapping 2,160 rows through the ORM costs several times the query itself.
const SELECT_ROWS = Object.fromEntries(
  Object.entries(TABLES).map(([resolution, { table, time }]) => [
    resolution,
    `SELECT "sync_id" AS "syncId", "${time}" AS "at", ${COUNTER_NAMES.map((n) => `"${COUNTER_COLUMNS[n]}" AS "${n}"`).join(', ')},
       "latency_buckets" AS "latencyBuckets"
     FROM "${table}" WHERE "sync_id" = ANY($1::text[]) AND "${time}" >= $2 AND "${time}" < $3 ORDER BY "${time}"`,
  ]),
) as Record<SyncSeries['resolution'], string>;

type Row = MetricRow & { syncId: string; at: Date };

/** Rows of these syncs in [from, to), from the minute table or the hourly roll-up, by primary-key range. */
async function readRows(syncIds: string[], from: Date, to: Date, resolution: SyncSeries['resolution']): Promise<Row[]> {
  const rows = await prisma().$queryRawUnsafe<Row[]>(SELECT_ROWS[resolution], syncIds, from, to);
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

const resolutionOf = (from: Date, to: Date): SyncSeries['resolution'] =>
  to.getTime() - from.getTime() <= MINUTE_RESOLUTION_MAX_MS ? 'minute' : 'hour';

export async function loadSyncSeries(syncId: string, from: Date, to: Date): Promise<SyncSeries> {
  const resolution = resolutionOf(from, to);
  const rows = await readRows([syncId], from, to, resolution);
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
  return { resolution, from: from.toISOString(), to: to.toISOString(), points, totals: summarize(totals, histogram) };
}

/**
 * Totals of every sync of a project over the last `sinceMs`, as whole buckets ending now (minute
 * rows up to 6 hours, the hourly roll-up beyond), read in one query for all syncs.
 */
export async function loadProjectTotals(projectId: string, sinceMs: number, now = new Date()): Promise<Map<string, SyncSeries['totals']>> {
  const { from, to } = resolveWindow(sinceMs, now);
  const syncs = await prisma().sync.findMany({ where: { projectId }, select: { id: true } });
  const sums = new Map(syncs.map((s) => [s.id, { totals: emptyTotals(), histogram: emptyHistogram() }]));
  if (syncs.length > 0) {
    for (const row of await readRows([...sums.keys()], from, to, resolutionOf(from, to))) {
      const sum = sums.get(row.syncId)!;
      addInto(sum.totals, row);
      addHistograms(sum.histogram, row.latencyBuckets);
    }
  }
  return new Map([...sums].map(([id, s]) => [id, summarize(s.totals, s.histogram)]));
}
