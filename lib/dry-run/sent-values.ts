/**
 * A dry run's attribute de-duplication, kept apart from the live cache (lib/pipeline/
 * attribute-cache). A dry run compares with what the sync really sent (the live cache) overlaid
 * with what it would have sent itself since it was last saved, and writes only the overlay: the
 * live cache never holds a value Braze did not accept, so once the sync is enabled it sends every
 * value it never really sent.
 *
 * Overlay keys are named by the sync's save time: a save (a new dry run, changed settings)
 * starts a fresh overlay, and old ones expire on their own.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { loadSentValues, type SentValues } from '@/lib/pipeline/state/attribute-cache';
import type { DeliverItem } from '@/lib/queue/contracts';

/** An overlay no dry run wrote to for this long is dropped. */
export const OVERLAY_TTL_MS = 7 * 24 * 3_600_000;

type Remembered = NonNullable<DeliverItem['remember']>;

function overlayKey(prefix: string, syncId: string, generation: number, userKey: string): string {
  return `${prefix}:dry-run-attrs:{${syncId}}:${generation}:${userKey}`;
}

export async function loadDryRunSentValues(
  redis: RedisClient,
  prefix: string,
  sync: { id: string; savedAt: number },
  userKeys: readonly string[],
): Promise<SentValues> {
  const unique = [...new Set(userKeys)];
  const live = await loadSentValues(redis, prefix, sync.id, unique);
  if (unique.length === 0) return live;
  const pipeline = redis.pipeline();
  for (const u of unique) pipeline.hgetall(overlayKey(prefix, sync.id, sync.savedAt, u));
  const results = (await pipeline.exec()) ?? [];
  unique.forEach((u, i) => {
    const [err, value] = results[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    // Spread defines own properties: an attribute named `__proto__` stays an attribute.
    live.set(u, { ...(live.get(u) ?? {}), ...((value ?? {}) as Record<string, string>) });
  });
  return live;
}

export async function rememberDryRunValues(
  redis: RedisClient,
  prefix: string,
  sync: { id: string; savedAt: number },
  updates: readonly Remembered[],
): Promise<void> {
  const pipeline = redis.pipeline();
  let writes = 0;
  for (const u of updates) {
    if (Object.keys(u.set).length === 0) continue;
    const key = overlayKey(prefix, sync.id, sync.savedAt, u.userKey);
    pipeline.hset(key, u.set);
    pipeline.pexpire(key, OVERLAY_TTL_MS);
    writes++;
  }
  if (writes === 0) return;
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
}
