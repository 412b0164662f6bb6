/**
 * Which devices a sync sent as anonymous alias profiles, and whether each was identified as a
 * user: one row per sync and device in Postgres, so `/users/identify` is called once per sync and
 * device, across restarts and workers. A device is claimed for identify by the ingest job that
 * first sees it with a known user; a re-run of that job (after a crash before its delivery jobs
 * were queued) claims it again, so no identify is lost between the claim and the queue.
 */
import { prisma } from '@/lib/db/prisma';
import type { IdentifyCandidate } from '@/lib/anonymous/anonymous-users';
import type { AliasCall } from '@/lib/braze';

/** Remembers devices whose objects went under their alias; a device seen before is left as it is. */
export async function registerAnonymousDevices(syncId: string, deviceIds: readonly string[]): Promise<void> {
  if (deviceIds.length === 0) return;
  await prisma().$executeRaw`
    INSERT INTO "anonymous_devices" ("sync_id", "device_id")
    SELECT ${syncId}, d FROM unnest(${[...deviceIds].sort()}::text[]) AS d
    ON CONFLICT ("sync_id", "device_id") DO NOTHING`;
}

/** A claimed identify, and whether the user already holds an alias of this sync (then merged). */
export type ClaimedIdentify = IdentifyCandidate & { call: AliasCall };

/**
 * The candidates whose device was sent anonymously and is not yet claimed (or was claimed by this
 * same ingest job and not yet identified): these are the identifies this job schedules. A device
 * never sent anonymously has no alias profile to merge, so it costs no Braze call. A user whose
 * other device this sync already claimed holds an alias of the label once that one is identified,
 * and Braze's identify does not combine a second alias of one label: those are merged instead.
 */
export async function claimIdentifies(syncId: string, claimant: string, candidates: readonly IdentifyCandidate[]): Promise<ClaimedIdentify[]> {
  if (candidates.length === 0) return [];
  const payload = JSON.stringify(candidates.map((c) => ({ device: c.deviceId, external: c.externalId })));
  const rows = await prisma().$queryRaw<{ device_id: string }[]>`
    UPDATE "anonymous_devices" AS d SET "external_id" = c.external, "claimed_by" = ${claimant}
    FROM jsonb_to_recordset(${payload}::jsonb) AS c(device text, external text)
    WHERE d."sync_id" = ${syncId} AND d."device_id" = c.device
      AND (d."external_id" IS NULL OR (d."claimed_by" = ${claimant} AND d."identified_at" IS NULL))
    RETURNING d."device_id"`;
  const claimed = new Set(rows.map((r) => r.device_id));
  const mine = candidates.filter((c) => claimed.has(c.deviceId));
  if (mine.length === 0) return [];
  const holders = await prisma().$queryRaw<{ external_id: string }[]>`
    SELECT DISTINCT "external_id" FROM "anonymous_devices"
    WHERE "sync_id" = ${syncId} AND "external_id" = ANY(${mine.map((c) => c.externalId)}::text[])
      AND NOT ("device_id" = ANY(${mine.map((c) => c.deviceId)}::text[]))`;
  const holding = new Set(holders.map((h) => h.external_id));
  return mine.map((c) => {
    const call: AliasCall = holding.has(c.externalId) ? 'merge' : 'identify';
    holding.add(c.externalId);
    return { ...c, call };
  });
}

/** Of `deviceIds`, those Braze has not yet accepted an identify for (a retried job skips the rest). */
export async function findUnidentified(syncId: string, deviceIds: readonly string[]): Promise<Set<string>> {
  if (deviceIds.length === 0) return new Set();
  const rows = await prisma().$queryRaw<{ device_id: string }[]>`
    SELECT "device_id" FROM "anonymous_devices"
    WHERE "sync_id" = ${syncId} AND "device_id" = ANY(${[...deviceIds]}::text[]) AND "identified_at" IS NULL`;
  return new Set(rows.map((r) => r.device_id));
}

/** Braze accepted the identify of these devices; returns how many were not marked before. */
export async function markIdentified(syncId: string, deviceIds: readonly string[]): Promise<number> {
  if (deviceIds.length === 0) return 0;
  return prisma().$executeRaw`
    UPDATE "anonymous_devices" SET "identified_at" = now()
    WHERE "sync_id" = ${syncId} AND "device_id" = ANY(${[...deviceIds]}::text[]) AND "identified_at" IS NULL`;
}

/** The store fan-out uses (lib/anonymous/schedule-identifies). */
export const anonymousDeviceStore = { register: registerAnonymousDevices, claim: claimIdentifies };

/** A deleted user's device links (lib/privacy): which devices were this user's is a copy of the user too. */
export async function forgetAnonymousDevices(projectId: string, externalIds: readonly string[]): Promise<number> {
  if (externalIds.length === 0) return 0;
  const { count } = await prisma().anonymousDevice.deleteMany({ where: { sync: { projectId }, externalId: { in: [...externalIds] } } });
  return count;
}
