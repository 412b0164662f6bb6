/**
 * Workers announce themselves in Redis every few seconds; health checks and the dashboard read
 * the announcements to tell whether anything is draining the queues. One sorted set holds every
 * worker's last beat (scored by Redis's own clock, so machines with skewed clocks agree), and
 * reading it costs one command however many other keys Redis holds (a SCAN over millions of
 * de-duplication keys would take seconds).
 */
import os from 'node:os';
import type { RedisClient } from '@/lib/queue/connection';

const EVERY_MS = 5_000;
export const LIVE_WINDOW_MS = 15_000;
/** Beats older than this are removed, so workers that died without saying so do not pile up. */
const FORGET_AFTER_MS = 10 * 60_000;

const keyOf = (prefix: string) => `${prefix}:worker-heartbeats`;

async function redisNow(redis: RedisClient): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/**
 * A worker's id: host and pid, then `#` and the partitions it consumes (lib/queue/partitions)
 * when they are not all, so health checks can tell a partition nobody consumes.
 */
export function workerId(consumes: readonly number[] | 'all'): string {
  const base = `${os.hostname()}:${process.pid}`;
  return consumes === 'all' ? base : `${base}#${consumes.join(',')}`;
}

/** The partitions of `count` that none of the live workers (by id) consumes. */
export function unconsumedPartitions(workerIds: readonly string[], count: number): number[] {
  const consumed = new Set<number>();
  for (const id of workerIds) {
    const list = /#([\d,]+)$/.exec(id)?.[1];
    if (list === undefined) return [];
    for (const p of list.split(',')) consumed.add(Number(p));
  }
  return [...Array(count).keys()].filter((p) => !consumed.has(p));
}

export function startHeartbeat(redis: RedisClient, prefix: string, id: string, onError: (err: Error) => void): () => Promise<void> {
  const key = keyOf(prefix);
  const beat = async () => {
    const now = await redisNow(redis);
    await redis.multi().zadd(key, now, id).zremrangebyscore(key, '-inf', now - FORGET_AFTER_MS).exec();
  };
  const safeBeat = () => beat().catch(onError);
  void safeBeat();
  const timer = setInterval(() => void safeBeat(), EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.zrem(key, id).catch(onError);
  };
}

/** Workers seen in the last 15 s, with the time of their last beat (ms, Redis's clock). */
export async function listLiveWorkers(redis: RedisClient, prefix: string): Promise<{ id: string; lastBeatAt: number }[]> {
  const now = await redisNow(redis);
  const flat = await redis.zrangebyscore(keyOf(prefix), now - LIVE_WINDOW_MS, '+inf', 'WITHSCORES');
  const found: { id: string; lastBeatAt: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) found.push({ id: flat[i]!, lastBeatAt: Number(flat[i + 1]) });
  return found;
}
