/**
 * Removes a deleted user's objects from a sync's delivery log (lib/pipeline/deliver/delivery-log). An
 * entry that carried other users' objects too is kept without this user's (Braze's per-object
 * errors re-indexed); an entry left empty goes. Each entry is replaced only if it is still there
 * unchanged (one Lua script), so entries written meanwhile are never lost.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { DELIVERY_LOG_SIZE, deliveryLogKey, matchesObject, type DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import { aliasCallObjectsOf } from '@/lib/anonymous/alias-call-objects';
import { RedisScript } from '@/lib/queue/redis-script';

const REPLACE = new RedisScript(`
local at = redis.call('LPOS', KEYS[1], ARGV[1])
if not at then return 0 end
if ARGV[2] == '' then redis.call('LREM', KEYS[1], 1, ARGV[1]) else redis.call('LSET', KEYS[1], at, ARGV[2]) end
return 1`);

type Arrays = 'events' | 'attributes';

/** The entry without the objects of these identifiers, or null when nothing of it is left. */
export function withoutUsers(entry: DeliveryLogEntry, identifiers: ReadonlySet<string>): DeliveryLogEntry | null {
  // An identify or merge call that named the user goes whole (lib/anonymous).
  if (aliasCallObjectsOf(entry.call).some((o) => [...identifiers].some((userId) => matchesObject(o, { userId })))) return null;
  const body: DeliveryLogEntry['body'] = {};
  const errors: DeliveryLogEntry['errors'] = [];
  for (const array of ['events', 'attributes'] as Arrays[]) {
    const objects = entry.body[array];
    if (!objects) continue;
    const newIndex = new Map<number, number>();
    const kept: Record<string, unknown>[] = [];
    objects.forEach((o, i) => {
      if ([...identifiers].some((userId) => matchesObject(o, { userId }))) return;
      newIndex.set(i, kept.length);
      kept.push(o);
    });
    if (kept.length > 0) body[array] = kept;
    for (const e of entry.errors) {
      const index = e.array === array ? newIndex.get(e.index) : undefined;
      if (index !== undefined) errors.push({ ...e, index });
    }
  }
  errors.push(...entry.errors.filter((e) => e.array !== 'events' && e.array !== 'attributes'));
  if (!entry.endpoint && !body.events && !body.attributes) return null;
  return { ...entry, body, errors };
}

/** How many log entries of the sync held objects of these users (and were trimmed or removed). */
export async function purgeDeliveryLog(redis: RedisClient, prefix: string, syncId: string, identifiers: readonly string[]): Promise<number> {
  if (identifiers.length === 0) return 0;
  const key = deliveryLogKey(prefix, syncId);
  const wanted = new Set(identifiers);
  const raw = await redis.lrange(key, 0, DELIVERY_LOG_SIZE - 1);
  let changed = 0;
  for (const text of raw) {
    const entry = JSON.parse(text) as DeliveryLogEntry;
    const next = withoutUsers(entry, wanted);
    if (next && JSON.stringify(next) === JSON.stringify(entry)) continue;
    changed += Number(await REPLACE.run(redis, [key], [text, next ? JSON.stringify(next) : '']));
  }
  return changed;
}
