/**
 * De-duplication by `insert_id`, as Amplitude scopes it: per project, per `device_id` when the
 * event has one (else per `user_id`), within a window (`INGEST_DEDUP_WINDOW_SECONDS`).
 *
 * It runs in the worker, on events already safely queued, so the ingestion request stays fast.
 * Each seen id is a Redis key whose value is the ingest job that claimed it: when that same job
 * runs again (a worker died mid-way) its events are not mistaken for duplicates of themselves.
 * Memory: one key per event for the window, about 110 bytes each (≈ 110 MB per million events).
 */
import { hash } from 'node:crypto';
import type { RedisClient } from '@/lib/queue/connection';
import { RedisScript } from '@/lib/queue/redis-script';

const CLAIM_SCRIPT = new RedisScript(`
local out = {}
for i, key in ipairs(KEYS) do
  local ok = redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2])
  if ok then
    out[i] = 1
  elseif redis.call('GET', key) == ARGV[1] then
    out[i] = 1
  else
    out[i] = 0
  end
end
return out`);

export interface DedupEvent {
  insert_id?: string;
  device_id?: string;
  user_id?: string;
}

function scopeOf(e: DedupEvent): string {
  return e.device_id !== undefined ? `d:${e.device_id}` : `u:${e.user_id ?? ''}`;
}

export function dedupKey(prefix: string, projectId: string, e: DedupEvent & { insert_id: string }): string {
  // The one-shot form: no Hash object per event (the same digest as createHash's).
  const digest = hash('sha1', `${scopeOf(e)}\u0000${e.insert_id}`, 'base64url');
  // The project in a hash tag keeps one request's keys in one slot on Redis Cluster.
  return `${prefix}:dedup:{${projectId}}:${digest}`;
}

/** Keeps events without an insert_id, and the first occurrence of each (scope, insert_id). */
export async function dropDuplicates<T extends DedupEvent>(
  redis: RedisClient,
  opts: { prefix: string; projectId: string; claimant: string; windowMs: number },
  events: T[],
): Promise<{ kept: T[]; duplicates: number }> {
  if (opts.windowMs <= 0) return { kept: events, duplicates: 0 };
  const keyed: { event: T; key: string }[] = [];
  const withinRequest = new Set<string>();
  const kept: T[] = [];
  let duplicates = 0;
  for (const event of events) {
    if (typeof event.insert_id !== 'string' || event.insert_id === '') continue;
    const key = dedupKey(opts.prefix, opts.projectId, event as T & { insert_id: string });
    if (withinRequest.has(key)) continue;
    withinRequest.add(key);
    keyed.push({ event, key });
  }
  const claimed = new Set<T>();
  const CHUNK = 500;
  for (let i = 0; i < keyed.length; i += CHUNK) {
    const part = keyed.slice(i, i + CHUNK);
    const result = (await CLAIM_SCRIPT.run(redis, part.map((k) => k.key), [opts.claimant, opts.windowMs])) as number[];
    part.forEach((k, j) => {
      if (result[j] === 1) claimed.add(k.event);
    });
  }
  for (const event of events) {
    const hasId = typeof event.insert_id === 'string' && event.insert_id !== '';
    if (!hasId || claimed.has(event)) {
      kept.push(event);
      if (hasId) claimed.delete(event); // a second copy of the same object in one request is a duplicate
    } else {
      duplicates++;
    }
  }
  return { kept, duplicates };
}
