/**
 * The per-project user profile store: Amplitude's user-property operations ($set, $add, $append,
 * $clearAll, ...) applied in the order received, so user forwarding can send current values and
 * knows exactly what changed. One transaction per ingested batch; rows are locked, so two
 * workers updating the same user apply their changes one after the other, never interleaved.
 */
import { applyUserPropertyOperations, type UserPropertyChange } from '@/lib/amplitude';
import { prisma } from '@/lib/db/prisma';
import { recordWriteTimes, withoutStaleWrites, type PropertyTimes } from '@/lib/users/stale-writes';

export interface ProfileUpdate {
  /** Position of the event in its batch; the result is keyed by it. */
  index: number;
  /** The event's own time (ms): decides which of two writes to a property is the newer. */
  time: number;
  userKey: string;
  userProperties: Record<string, unknown>;
}

export interface ProfileSource {
  event_type: string;
  time: number;
  user_id?: string;
  device_id?: string;
  user_properties?: Record<string, unknown>;
  $skip_user_properties_sync?: boolean;
}

/** "u:<user_id>", or "d:<device_id>" for a user known only by device. */
export function userKeyOf(e: Pick<ProfileSource, 'user_id' | 'device_id'>): string | null {
  if (e.user_id) return `u:${e.user_id}`;
  if (e.device_id) return `d:${e.device_id}`;
  return null;
}

export function profileUpdatesOf(events: readonly ProfileSource[]): ProfileUpdate[] {
  const updates: ProfileUpdate[] = [];
  events.forEach((e, index) => {
    if (e.event_type === '$groupidentify' || e.$skip_user_properties_sync === true) return;
    const props = e.user_properties;
    const userKey = userKeyOf(e);
    if (!userKey || !props || Object.keys(props).length === 0) return;
    updates.push({ index, time: e.time, userKey, userProperties: props });
  });
  return updates;
}

type Row = { user_key: string; properties: Record<string, unknown>; property_times: PropertyTimes };

export async function applyProfileUpdates(
  projectId: string,
  updates: readonly ProfileUpdate[],
): Promise<Map<number, UserPropertyChange[]>> {
  const changes = new Map<number, UserPropertyChange[]>();
  if (updates.length === 0) return changes;
  const keys = [...new Set(updates.map((u) => u.userKey))].sort();
  await prisma().$transaction(async (tx) => {
    // Create missing rows first so every profile of the batch can be locked, in a fixed order.
    await tx.$executeRaw`
      INSERT INTO "user_profiles" ("project_id", "user_key")
      SELECT ${projectId}, k FROM unnest(${keys}::text[]) AS k
      ON CONFLICT DO NOTHING`;
    const rows = await tx.$queryRaw<Row[]>`
      SELECT "user_key", "properties", "property_times" FROM "user_profiles"
      WHERE "project_id" = ${projectId} AND "user_key" = ANY(${keys}::text[])
      ORDER BY "user_key" FOR UPDATE`;
    const current = new Map(rows.map((r) => [r.user_key, r.properties]));
    const times = new Map(rows.map((r) => [r.user_key, r.property_times]));
    const touched = new Set<string>();
    for (const u of updates) {
      // Every operation is reported, even a $set to the current value: whether a sync already
      // sent that value is decided per sync (lib/pipeline/attribute-cache).
      const known = times.get(u.userKey) ?? {};
      const ops = withoutStaleWrites(u.userProperties, known, u.time);
      const { next, changes: made } = applyUserPropertyOperations(current.get(u.userKey) ?? {}, ops);
      if (made.length === 0) continue;
      current.set(u.userKey, next);
      const written = made.filter((c) => c.op === 'set' || c.op === 'unset').map((c) => c.key);
      times.set(u.userKey, recordWriteTimes(known, written, u.time));
      touched.add(u.userKey);
      changes.set(u.index, made);
    }
    if (touched.size === 0) return;
    const list = [...touched];
    await tx.$executeRaw`
      UPDATE "user_profiles" AS p SET "properties" = v.props::jsonb, "property_times" = v.times::jsonb, "updated_at" = now()
      FROM unnest(
        ${list}::text[],
        ${list.map((k) => JSON.stringify(current.get(k)))}::text[],
        ${list.map((k) => JSON.stringify(times.get(k) ?? {}))}::text[]
      ) AS v(k, props, times)
      WHERE p."project_id" = ${projectId} AND p."user_key" = v.k`;
  });
  return changes;
}
