/**
 * The per-project group profile store: `$groupidentify` events (the Group Identify API, and the
 * SDKs' groupIdentify() through HTTP V2) carry Amplitude's property operations ($set, $setOnce,
 * $add, $append, $prepend, $unset), applied here with the same code as user properties, in the
 * order received. Groups are kept, not forwarded: Braze has no group object to send them to.
 *
 * Group identifies are rare next to events, so each job takes its groups' rows locked in one
 * short transaction (created when missing, locked in key order so two workers never deadlock).
 * *Known limit*, as for user profiles: an ingest job run twice applies its `$add`/`$append` twice.
 */
import { applyUserPropertyOperations, GROUP_IDENTIFY_EVENT_TYPE } from '@/lib/amplitude';
import { prisma } from '@/lib/db/prisma';
import { childLogger } from '@/lib/log/logger';

const log = childLogger('groups');

export interface GroupUpdate {
  groupType: string;
  groupValue: string;
  groupProperties: Record<string, unknown>;
}

export interface GroupSource {
  event_type: string;
  groups?: Record<string, unknown>;
  group_properties?: Record<string, unknown>;
}

/**
 * A Postgres b-tree entry holds at most about 2,700 bytes: a longer group key would fail the
 * job's write, and with it every event of the request. Such groups are skipped and logged.
 */
const MAX_GROUP_KEY_BYTES = 2_000;

/** One update per group named in a `$groupidentify` event's `groups` (a value may be a list of groups). */
export function groupUpdatesOf(events: readonly GroupSource[]): GroupUpdate[] {
  const updates: GroupUpdate[] = [];
  const push = (update: GroupUpdate) => {
    if (Buffer.byteLength(update.groupType) + Buffer.byteLength(update.groupValue) <= MAX_GROUP_KEY_BYTES) updates.push(update);
    else log.warn({ groupTypeChars: update.groupType.length, groupValueChars: update.groupValue.length }, 'group identify skipped: group type and value too long to store');
  };
  for (const e of events) {
    const props = e.group_properties;
    if (e.event_type !== GROUP_IDENTIFY_EVENT_TYPE || !e.groups || !props || Object.keys(props).length === 0) continue;
    for (const [groupType, value] of Object.entries(e.groups)) {
      for (const groupValue of Array.isArray(value) ? value : [value]) {
        if (typeof groupValue === 'string' && groupValue !== '') push({ groupType, groupValue, groupProperties: props });
      }
    }
  }
  return updates;
}

type Row = { group_type: string; group_value: string; properties: Record<string, unknown> };

const keyOf = (type: string, value: string) => JSON.stringify([type, value]);

export async function applyGroupUpdates(projectId: string, updates: readonly GroupUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  // Rows are created in one order by every writer, so two jobs' inserts never wait on each other in a cycle.
  const groups = [...new Map(updates.map((u) => [keyOf(u.groupType, u.groupValue), u])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const types = groups.map(([, g]) => g.groupType);
  const values = groups.map(([, g]) => g.groupValue);
  await prisma().$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "group_profiles" ("project_id", "group_type", "group_value")
      SELECT ${projectId}, k.t, k.v FROM unnest(${types}::text[], ${values}::text[]) WITH ORDINALITY AS k(t, v, n) ORDER BY k.n
      ON CONFLICT DO NOTHING`;
    const rows = await tx.$queryRaw<Row[]>`
      SELECT p."group_type", p."group_value", p."properties" FROM "group_profiles" AS p
      JOIN unnest(${types}::text[], ${values}::text[]) AS k(t, v) ON p."group_type" = k.t AND p."group_value" = k.v
      WHERE p."project_id" = ${projectId}
      ORDER BY p."group_type", p."group_value"
      FOR UPDATE OF p`;
    const state = new Map(rows.map((r) => [keyOf(r.group_type, r.group_value), r.properties]));
    for (const u of updates) {
      const key = keyOf(u.groupType, u.groupValue);
      state.set(key, applyUserPropertyOperations(state.get(key) ?? {}, u.groupProperties).next);
    }
    const payload = JSON.stringify([...state].map(([key, props]) => ({ k: JSON.parse(key) as [string, string], props })));
    await tx.$executeRaw`
      UPDATE "group_profiles" AS p SET "properties" = v.props, "updated_at" = now()
      FROM jsonb_to_recordset(${payload}::jsonb) AS v(k jsonb, props jsonb)
      WHERE p."project_id" = ${projectId} AND p."group_type" = v.k->>0 AND p."group_value" = v.k->>1`;
  });
}

/** What fan-out calls for every ingest job. */
export function applyGroupIdentifies(projectId: string, events: readonly GroupSource[]): Promise<void> {
  return applyGroupUpdates(projectId, groupUpdatesOf(events));
}
