/**
 * Lifetime totals per sync: every hourly row kept plus what pruned rows carried (see retention),
 * so they only ever grow, as Prometheus counters must; and the lifetime latency histogram, which
 * the recorder adds to and retention never touches.
 */
import { prisma } from '@/lib/db/prisma';
import { COUNTER_COLUMNS, COUNTER_NAMES } from '@/lib/metrics/counters';
import { addHistograms, emptyHistogram } from '@/lib/metrics/latency';
import { emptyTotals, type Totals } from '@/lib/metrics/queries';

const COLUMNS = Object.values(COUNTER_COLUMNS);
const LIST = COLUMNS.map((c) => `"${c}"`).join(', ');

// Column names come from the fixed COUNTER_COLUMNS table, never from input.
const SQL = `
  SELECT "sync_id", ${COLUMNS.map((c) => `sum("${c}")::float8 AS "${c}"`).join(', ')}
  FROM (
    SELECT "sync_id", ${LIST} FROM "sync_hour_metrics" WHERE "sync_id" = ANY($1::text[])
    UNION ALL
    SELECT "sync_id", ${LIST} FROM "sync_metric_carry" WHERE "sync_id" = ANY($1::text[])
  ) AS rows
  GROUP BY "sync_id"`;

export async function loadLifetimeTotals(syncIds: string[]): Promise<Map<string, Totals>> {
  const out = new Map(syncIds.map((id) => [id, emptyTotals()]));
  if (syncIds.length === 0) return out;
  const rows = await prisma().$queryRawUnsafe<Record<string, string | number>[]>(SQL, syncIds);
  for (const row of rows) {
    const totals = out.get(String(row.sync_id));
    if (!totals) continue;
    for (const name of COUNTER_NAMES) totals[name] = Number(row[COUNTER_COLUMNS[name]] ?? 0);
  }
  return out;
}

/** A sync's lifetime latency histogram: counts per bucket of LATENCY_BOUNDS_MS (+Inf last), and their sum. */
export interface LifetimeLatency {
  buckets: number[];
  sumMs: number;
}

export async function loadLifetimeLatency(syncIds: string[]): Promise<Map<string, LifetimeLatency>> {
  const out = new Map(syncIds.map((id) => [id, { buckets: emptyHistogram(), sumMs: 0 }]));
  if (syncIds.length === 0) return out;
  const rows = await prisma().syncLatencyTotal.findMany({ where: { syncId: { in: syncIds } } });
  for (const row of rows) {
    out.set(row.syncId, { buckets: addHistograms(emptyHistogram(), row.buckets.map(Number)), sumMs: Number(row.sumMs) });
  }
  return out;
}
