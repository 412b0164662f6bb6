/**
 * Workers announce themselves in Redis every few seconds; health checks and the dashboard read
 * the announcements to tell whether anything is draining the queues.
 */
import os from 'node:os';
import type { Redis } from 'ioredis';

const EVERY_MS = 5_000;
const TTL_S = 15;

const keyOf = (prefix: string, id: string) => `${prefix}:worker-heartbeat:${id}`;

export function startHeartbeat(redis: Redis, prefix: string, onError: (err: Error) => void): () => Promise<void> {
  const id = `${os.hostname()}:${process.pid}`;
  const beat = () => redis.set(keyOf(prefix, id), String(Date.now()), 'EX', TTL_S).then(() => undefined, onError);
  void beat();
  const timer = setInterval(() => void beat(), EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.del(keyOf(prefix, id)).catch(onError);
  };
}

/** Workers seen in the last 15 s, with the time of their last beat (ms). */
export async function listLiveWorkers(redis: Redis, prefix: string): Promise<{ id: string; lastBeatAt: number }[]> {
  const found: { id: string; lastBeatAt: number }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', keyOf(prefix, '*'), 'COUNT', 200);
    cursor = next;
    if (keys.length > 0) {
      const values = await redis.mget(...keys);
      keys.forEach((k, i) => {
        if (values[i]) found.push({ id: k.slice(keyOf(prefix, '').length), lastBeatAt: Number(values[i]) });
      });
    }
  } while (cursor !== '0');
  return found;
}
