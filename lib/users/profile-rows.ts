/**
 * The `user_profiles` statements of the profile store. Writes are optimistic: a row is written
 * only while it is still at the version it was read at, in one statement without a transaction
 * held open across round trips; rows another writer holds are skipped, never waited for. The
 * caller recomputes what was not written. `applyLocked` is the pessimistic way, for a user
 * whose optimistic writes keep losing.
 */
import { pgPool, prisma } from '@/lib/db/prisma';
import type { PropertyTimes } from '@/lib/users/stale-writes';

export interface StoredProfile {
  properties: Record<string, unknown>;
  times: PropertyTimes;
  /** The row's version as read ("-1": no row yet), handed back unchanged to `writeIfUnchanged`. */
  version: string;
}

export const NO_ROW = '-1';

type Row = { user_key: string; properties: Record<string, unknown>; property_times: PropertyTimes; version: string };

/**
 * One primary-key lookup per key, whatever the table's statistics say: with `user_key = ANY(…)`
 * the planner may read every row of the project and filter them when its estimate of the
 * project's rows is stale (10,000 rows fetched for 100 keys in a benchmark run, once the table
 * had grown since it was last analyzed). A lateral lookup with LIMIT 1 cannot be turned into that.
 */
export async function readProfiles(projectId: string, keys: readonly string[]): Promise<Map<string, StoredProfile>> {
  const { rows } = await pgPool().query<Row>(
    `SELECT p."user_key", p."properties", p."property_times", p."version"::text AS "version"
    FROM unnest($1::text[]) AS k(key)
    CROSS JOIN LATERAL (
      SELECT * FROM "user_profiles" WHERE "project_id" = $2 AND "user_key" = k.key LIMIT 1
    ) AS p`,
    [keys, projectId],
  );
  return new Map(rows.map((r) => [r.user_key, { properties: r.properties, times: r.property_times, version: r.version }]));
}

/**
 * Writes each profile whose row is still at the version it was read at (or still missing), and
 * raises its version; returns the user keys written. Keys are sorted, so the inserts of two
 * writers take their locks in the same order. Each row is found by one primary-key lookup (as in
 * `readProfiles`) and updated where that lookup locked it, by its ctid alone: a condition on the
 * project there lets the planner scan the whole project when it thinks the project small. The
 * locked row cannot move meanwhile; a newer version of it (committed after this statement
 * began) is not seen by the update, so that user counts as not written and is recomputed.
 */
export async function writeIfUnchanged(projectId: string, profiles: ReadonlyMap<string, StoredProfile>): Promise<Set<string>> {
  // One JSON document rather than parallel text arrays: no per-element array escaping.
  const payload = JSON.stringify(
    [...profiles.keys()].sort().map((k) => {
      const p = profiles.get(k)!;
      return { k, props: p.properties, times: p.times, version: Number(p.version) };
    }),
  );
  const { rows } = await pgPool().query<{ user_key: string }>(
    `
    WITH v AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(k text, props jsonb, times jsonb, version bigint)
    ),
    unchanged AS (
      SELECT v.k, v.props, v.times, l.tid FROM v
      CROSS JOIN LATERAL (
        SELECT p.ctid AS tid FROM "user_profiles" AS p
        WHERE p."project_id" = $2 AND p."user_key" = v.k AND p."version" = v.version
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) AS l
    ),
    updated AS (
      UPDATE "user_profiles" AS p
      SET "properties" = u.props, "property_times" = u.times, "version" = p."version" + 1, "updated_at" = now()
      FROM unchanged AS u
      WHERE p.ctid = u.tid
      RETURNING p."user_key"
    ),
    inserted AS (
      INSERT INTO "user_profiles" ("project_id", "user_key", "properties", "property_times", "version")
      SELECT $2, v.k, v.props, v.times, 1 FROM v WHERE v.version < 0
      ON CONFLICT DO NOTHING
      RETURNING "user_key"
    )
    SELECT "user_key" FROM updated UNION ALL SELECT "user_key" FROM inserted`,
    [payload, projectId],
  );
  return new Set(rows.map((r) => r.user_key));
}

/**
 * Locks the profiles of `keys` (created when missing, locked in key order so two callers never
 * deadlock), lets `apply` change them, and writes back those it names; every write raises the
 * version, so optimistic writers that read before it lose.
 */
export async function applyLocked(
  projectId: string,
  keys: readonly string[],
  apply: (profiles: Map<string, StoredProfile>) => Set<string>,
): Promise<void> {
  const sorted = [...keys].sort();
  await prisma().$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "user_profiles" ("project_id", "user_key")
      SELECT ${projectId}, k FROM unnest(${sorted}::text[]) AS k
      ON CONFLICT DO NOTHING`;
    const rows = await tx.$queryRaw<Row[]>`
      SELECT "user_key", "properties", "property_times", "version"::text AS "version" FROM "user_profiles"
      WHERE "project_id" = ${projectId} AND "user_key" = ANY(${sorted}::text[])
      ORDER BY "user_key" FOR UPDATE`;
    const profiles = new Map(rows.map((r) => [r.user_key, { properties: r.properties, times: r.property_times, version: r.version }]));
    const touched = [...apply(profiles)];
    if (touched.length === 0) return;
    await tx.$executeRaw`
      UPDATE "user_profiles" AS p
      SET "properties" = v.props::jsonb, "property_times" = v.times::jsonb, "version" = p."version" + 1, "updated_at" = now()
      FROM unnest(
        ${touched}::text[],
        ${touched.map((k) => JSON.stringify(profiles.get(k)!.properties))}::text[],
        ${touched.map((k) => JSON.stringify(profiles.get(k)!.times))}::text[]
      ) AS v(k, props, times)
      WHERE p."project_id" = ${projectId} AND p."user_key" = v.k`;
  });
}

/** A deadlock or serialization failure (Postgres 40P01 / 40001): nothing was written, try again. */
export function isWriteConflict(err: unknown): boolean {
  // From the pool itself (pg: `code`) or through Prisma (`meta`).
  const e = err as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } } };
  const code = e.meta?.driverAdapterError?.cause?.originalCode ?? e.meta?.code ?? e.code;
  return e.code === 'P2034' || code === '40P01' || code === '40001';
}
