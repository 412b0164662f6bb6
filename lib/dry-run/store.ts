/**
 * Where a dry run's measurements live: one additive row per sync and clock hour
 * (`dry_run_hours`), written once the ingest job's fan-out is done, and the latest few request
 * bodies (`dry_run_samples`). A sync deleted meanwhile gets nothing written (the inserts select
 * its row).
 */
import { prisma } from '@/lib/db/prisma';
import { COUNT_NAMES, type DryRunCounts, type SampleRequest } from '@/lib/dry-run/measure';

/** How many sample requests each sync keeps: the newest. */
export const SAMPLES_KEPT = 20;

const HOUR_MS = 3_600_000;

const COLUMNS: Record<keyof DryRunCounts, string> = {
  events: 'events',
  attributeUpdates: 'attribute_updates',
  dataPoints: 'data_points',
  dataPointsSaved: 'data_points_saved',
  requests: 'requests',
  bytes: 'bytes',
  filtered: 'filtered',
  skipped: 'skipped',
  invalid: 'invalid',
};

export function hourOf(at: number): Date {
  return new Date(Math.floor(at / HOUR_MS) * HOUR_MS);
}

export async function addDryRunCounts(syncId: string, counts: DryRunCounts, at = Date.now()): Promise<void> {
  const columns = COUNT_NAMES.map((n) => `"${COLUMNS[n]}"`);
  const values = COUNT_NAMES.map((n) => counts[n]);
  const placeholders = COUNT_NAMES.map((_, i) => `$${i + 4}`);
  const sql = `INSERT INTO "dry_run_hours" AS t ("sync_id", "hour", "first_at", ${columns.join(', ')})
    SELECT s.id, $2, $3, ${placeholders.join(', ')} FROM "syncs" s WHERE s.id = $1
    ON CONFLICT ("sync_id", "hour") DO UPDATE SET ${columns.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;
  await prisma().$executeRawUnsafe(sql, syncId, hourOf(at), new Date(at), ...values);
}

export async function addDryRunSample(syncId: string, sample: SampleRequest, at = Date.now()): Promise<void> {
  await prisma().$executeRawUnsafe(
    `INSERT INTO "dry_run_samples" ("id", "sync_id", "at", "body", "objects", "objects_shown", "bytes")
     SELECT gen_random_uuid()::text, s.id, $2, $3::json, $4, $5, $6 FROM "syncs" s WHERE s.id = $1`,
    syncId, new Date(at), JSON.stringify(sample.body), sample.objects, sample.objectsShown, sample.bytes,
  );
  await prisma().$executeRawUnsafe(
    `DELETE FROM "dry_run_samples" WHERE "sync_id" = $1 AND "id" NOT IN
       (SELECT "id" FROM "dry_run_samples" WHERE "sync_id" = $1 ORDER BY "at" DESC LIMIT ${SAMPLES_KEPT})`,
    syncId,
  );
}

export interface DryRunHourRow extends DryRunCounts {
  hour: Date;
  firstAt: Date;
}

/** The hour rows since `since`, oldest first. */
export async function readDryRunHours(syncId: string, since: Date): Promise<DryRunHourRow[]> {
  const rows = await prisma().dryRunHour.findMany({ where: { syncId, hour: { gte: hourOf(since.getTime()) } }, orderBy: { hour: 'asc' } });
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
}

export async function readDryRunSamples(syncId: string): Promise<{ at: Date; body: unknown; objects: number; objectsShown: number; bytes: number }[]> {
  return prisma().dryRunSample.findMany({
    where: { syncId },
    orderBy: { at: 'desc' },
    take: SAMPLES_KEPT,
    select: { at: true, body: true, objects: true, objectsShown: true, bytes: true },
  });
}
