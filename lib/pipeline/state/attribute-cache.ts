/**
 * What each sync last sent to Braze, per user and Braze attribute, so an attribute whose value
 * has not changed since is not sent again — Braze bills every attribute write, even an unchanged
 * one (braze-api.md §8) — and a value from an older event never replaces a newer one. One Redis hash per sync and user (attribute → JSON of the value), written
 * only after Braze accepted the update; about 100 bytes per user and attribute. Redis must run
 * with persistence (AOF) so the cache survives restarts; if it is lost, values are simply sent
 * once more.
 */
import type { RedisClient } from '@/lib/queue/connection';

export type SentValues = Map<string, Record<string, string>>;

function keyOf(prefix: string, syncId: string, userKey: string): string {
  return `${prefix}:attrs:{${syncId}}:${userKey}`;
}

export function fingerprint(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** Cache entries are "<time of the event that set it>|<fingerprint of the value>". */
export function cacheEntry(time: number, value: unknown): string {
  return `${time}|${fingerprint(value)}`;
}

/**
 * The entry of `field` in a user's cached values. Own keys only: attribute names are user
 * property names, and `constructor` or `__proto__` must not read the object's prototype.
 */
export function cachedEntryOf(values: Record<string, string>, field: string): { time: number; fingerprint: string } | null {
  return readCacheEntry(Object.hasOwn(values, field) ? values[field] : undefined);
}

export function readCacheEntry(entry: string | undefined): { time: number; fingerprint: string } | null {
  if (entry === undefined) return null;
  const bar = entry.indexOf('|');
  return bar < 0 ? null : { time: Number(entry.slice(0, bar)), fingerprint: entry.slice(bar + 1) };
}

export async function loadSentValues(redis: RedisClient, prefix: string, syncId: string, userKeys: readonly string[]): Promise<SentValues> {
  const unique = [...new Set(userKeys)];
  const out: SentValues = new Map();
  if (unique.length === 0) return out;
  const pipeline = redis.pipeline();
  for (const u of unique) pipeline.hgetall(keyOf(prefix, syncId, u));
  const results = (await pipeline.exec()) ?? [];
  unique.forEach((u, i) => {
    const [err, value] = results[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    out.set(u, (value ?? {}) as Record<string, string>);
  });
  return out;
}

/** A deleted user (lib/privacy): what this sync sent of it is forgotten. */
export async function forgetSentValues(redis: RedisClient, prefix: string, syncId: string, userKey: string): Promise<void> {
  await redis.del(keyOf(prefix, syncId, userKey));
}

export async function rememberSentValues(
  redis: RedisClient,
  prefix: string,
  syncId: string,
  updates: readonly { userKey: string; set: Record<string, string>; unset: string[] }[],
): Promise<void> {
  if (updates.length === 0) return;
  const pipeline = redis.pipeline();
  for (const u of updates) {
    const key = keyOf(prefix, syncId, u.userKey);
    if (Object.keys(u.set).length > 0) pipeline.hset(key, u.set);
    if (u.unset.length > 0) pipeline.hdel(key, ...u.unset);
  }
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
}
