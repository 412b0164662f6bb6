/**
 * Seeds delivery metrics for one sync, fast (generate_series in Postgres): one minute row per
 * minute of a range with deterministic counters and latency histogram, then the hourly roll-up
 * aggregated from them, as the worker's recorder would have written both. `expectedTotals`
 * computes what any range of those minutes must add up to.
 */
import { prisma } from '@/lib/db/prisma';
import { COUNTER_NAMES, type CounterName } from '@/lib/metrics/counters';

type Totals = Record<CounterName, number>;

/** Minute i's counters; the SQL below writes exactly these. */
export function minuteCounters(i: number): Totals & { latencyBucket: number } {
  const delivered = 10 + (i % 7);
  const afterRetry = i % 5 === 0 ? 2 : 0;
  return {
    delivered,
    deliveredFirstAttempt: delivered - afterRetry,
    deliveredAfterRetry: afterRetry,
    notDelivered: i % 60 === 0 ? 1 : 0,
    expired: i % 1440 === 0 ? 1 : 0,
    skipped: i % 3,
    filtered: i % 2,
    retried: afterRetry,
    requests: 1,
    rateLimited: i % 120 === 0 ? 1 : 0,
    dataPointsSent: delivered,
    dataPointsSaved: i % 4 === 0 ? 1 : 0,
    possibleDuplicates: 0,
    recovered: 0,
    superseded: 0,
    identifiedAliases: 0,
    // Every delivered object of minute i falls in histogram bucket 5 + i % 4 (100–400 ms).
    latencyBucket: 5 + (i % 4),
  };
}

export function expectedTotals(fromIndex: number, toIndex: number): Totals {
  const t = Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as Totals;
  for (let i = fromIndex; i < toIndex; i++) {
    const c = minuteCounters(i);
    for (const n of COUNTER_NAMES) t[n] += c[n];
  }
  return t;
}

const MINUTES_SQL = `
  INSERT INTO "sync_minute_metrics" ("sync_id", "minute", "delivered", "delivered_first_attempt", "delivered_after_retry",
    "not_delivered", "expired", "skipped", "filtered", "retried", "requests", "rate_limited", "data_points_sent",
    "data_points_saved", "possible_duplicates", "latency_buckets")
  SELECT $1, to_timestamp($2::float8 / 1000 + i * 60), 10 + i % 7, 10 + i % 7 - CASE WHEN i % 5 = 0 THEN 2 ELSE 0 END,
    CASE WHEN i % 5 = 0 THEN 2 ELSE 0 END, (i % 60 = 0)::int, (i % 1440 = 0)::int, i % 3, i % 2,
    CASE WHEN i % 5 = 0 THEN 2 ELSE 0 END, 1, (i % 120 = 0)::int, 10 + i % 7, (i % 4 = 0)::int, 0,
    (SELECT array_agg(CASE WHEN k = 6 + i % 4 THEN 10 + i % 7 ELSE 0 END ORDER BY k) FROM generate_series(1, 28) AS k)
  FROM generate_series(0, $3::int - 1) AS i`;

const HOURS_SQL = `
  INSERT INTO "sync_hour_metrics" ("sync_id", "hour", "delivered", "delivered_first_attempt", "delivered_after_retry",
    "not_delivered", "expired", "skipped", "filtered", "retried", "requests", "rate_limited", "data_points_sent",
    "data_points_saved", "possible_duplicates", "latency_buckets")
  SELECT "sync_id", h.hour, sum("delivered"), sum("delivered_first_attempt"), sum("delivered_after_retry"),
    sum("not_delivered"), sum("expired"), sum("skipped"), sum("filtered"), sum("retried"), sum("requests"),
    sum("rate_limited"), sum("data_points_sent"), sum("data_points_saved"), sum("possible_duplicates"), '{}'
  FROM "sync_minute_metrics", LATERAL (SELECT to_timestamp(floor(extract(epoch FROM "minute") / 3600) * 3600) AS hour) AS h
  WHERE "sync_id" = $1
  GROUP BY "sync_id", h.hour`;

const HOUR_LATENCY_SQL = `
  UPDATE "sync_hour_metrics" AS m SET "latency_buckets" = b.buckets
  FROM (
    SELECT hour, array_agg(total ORDER BY k) AS buckets FROM (
      SELECT to_timestamp(floor(extract(epoch FROM "minute") / 3600) * 3600) AS hour, k, sum(v)::int AS total
      FROM "sync_minute_metrics", unnest("latency_buckets") WITH ORDINALITY AS t(v, k)
      WHERE "sync_id" = $1 GROUP BY 1, 2
    ) AS per_bucket GROUP BY hour
  ) AS b
  WHERE m."sync_id" = $1 AND m."hour" = b.hour`;

/** `minutes` minute rows from `fromMs` (a whole hour), and their hourly roll-up. */
export async function seedMinuteMetrics(syncId: string, fromMs: number, minutes: number): Promise<void> {
  if (fromMs % 3_600_000 !== 0) throw new Error('seed from a whole hour');
  await prisma().$executeRawUnsafe(MINUTES_SQL, syncId, fromMs, minutes);
  await prisma().$executeRawUnsafe(HOURS_SQL, syncId);
  await prisma().$executeRawUnsafe(HOUR_LATENCY_SQL, syncId);
}
