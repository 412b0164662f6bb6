/**
 * Metrics retention: minute rows are kept for `minuteHours` (the hourly roll-up covers longer
 * ranges), hourly rows for `days` (default 90, like Amplitude's delivery metrics). Counters of the
 * hourly rows that leave are added to the sync's carry row in the same statement, so lifetime
 * totals never go down. Dry-run estimate rows are kept as long as hourly rows.
 */
import { prisma } from '@/lib/db/prisma';
import { COUNTER_COLUMNS } from '@/lib/metrics/counters';

const COLUMNS = Object.values(COUNTER_COLUMNS);

// Column names come from the fixed COUNTER_COLUMNS table, never from input. Each hourly row is
// returned by exactly one DELETE, so workers pruning at the same time never carry a row twice.
const PRUNE_HOURS_SQL = `
  WITH moved AS (DELETE FROM "sync_hour_metrics" WHERE "hour" < $1 RETURNING *),
  carried AS (
    INSERT INTO "sync_metric_carry" AS c ("sync_id", ${COLUMNS.map((col) => `"${col}"`).join(', ')}, "updated_at")
    SELECT "sync_id", ${COLUMNS.map((col) => `sum("${col}")`).join(', ')}, now() FROM moved GROUP BY "sync_id"
    ON CONFLICT ("sync_id") DO UPDATE SET ${COLUMNS.map((col) => `"${col}" = c."${col}" + EXCLUDED."${col}"`).join(', ')}, "updated_at" = EXCLUDED."updated_at"
  )
  SELECT count(*)::int AS "hours" FROM moved`;

export async function pruneMetrics(opts: { minuteHours: number; days: number; now?: Date }): Promise<{ minutes: number; hours: number }> {
  const now = (opts.now ?? new Date()).getTime();
  const minutes = await prisma().syncMinuteMetric.deleteMany({ where: { minute: { lt: new Date(now - opts.minuteHours * 3_600_000) } } });
  const [moved] = await prisma().$queryRawUnsafe<{ hours: number }[]>(PRUNE_HOURS_SQL, new Date(now - opts.days * 86_400_000));
  // A dry run's estimate rows (lib/dry-run) are kept as long as delivery's hourly rows.
  await prisma().dryRunHour.deleteMany({ where: { hour: { lt: new Date(now - opts.days * 86_400_000) } } });
  return { minutes: minutes.count, hours: moved?.hours ?? 0 };
}
