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
  return `${dedupKeyBase(prefix, projectId)}${digestOf(e)}`;
}

// The project in a hash tag keeps one request's keys in one slot on Redis Cluster.
const dedupKeyBase = (prefix: string, projectId: string) => `${prefix}:dedup:{${projectId}}:`;

// The one-shot form: no Hash object per event (the same digest as createHash's).
const digestOf = (e: DedupEvent & { insert_id: string }) => hash('sha1', `${scopeOf(e)}\u0000${e.insert_id}`, 'base64url');

const hasInsertId = (e: DedupEvent): e is DedupEvent & { insert_id: string } => typeof e.insert_id === 'string' && e.insert_id !== '';

/** Keys claimed per script call: bounds one call's time inside Redis. */
const CLAIM_CHUNK = 500;

/** Keeps events without an insert_id, and the first occurrence of each (scope, insert_id). */
export async function dropDuplicates<T extends DedupEvent>(
  redis: RedisClient,
  opts: { prefix: string; projectId: string; claimant: string; windowMs: number },
  events: T[],
): Promise<{ kept: T[]; duplicates: number }> {
  if (opts.windowMs <= 0) return { kept: events, duplicates: 0 };
  // Runs for every ingest job: parallel arrays by position, no object per event.
  const base = dedupKeyBase(opts.prefix, opts.projectId);
  const keys: string[] = [];
  /** The position in `events` of the first event of each key. */
  const firsts: number[] = [];
  const withinRequest = new Set<string>();
  events.forEach((event, i) => {
    if (!hasInsertId(event)) return;
    const key = base + digestOf(event);
    if (withinRequest.has(key)) return;
    withinRequest.add(key);
    keys.push(key);
    firsts.push(i);
  });
  const claimed = new Uint8Array(events.length);
  for (let i = 0; i < keys.length; i += CLAIM_CHUNK) {
    const result = (await CLAIM_SCRIPT.run(redis, keys.slice(i, i + CLAIM_CHUNK), [opts.claimant, opts.windowMs])) as number[];
    result.forEach((ok, j) => {
      if (ok === 1) claimed[firsts[i + j]!] = 1;
    });
  }
  const kept: T[] = [];
  let duplicates = 0;
  events.forEach((event, i) => {
    // A later copy of an event in one request (even the same object) is a duplicate of the first.
    if (!hasInsertId(event) || claimed[i] === 1) kept.push(event);
    else duplicates++;
  });
  return { kept, duplicates };
}
