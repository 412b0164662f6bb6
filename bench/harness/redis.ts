/** Redis housekeeping of a benchmark run: everything it wrote lives under its own key prefix. */
import type { RedisClient } from '@/lib/queue/connection';

/** Deletes every key under `prefix:` with SCAN + UNLINK (never KEYS, never blocking Redis). Returns how many. */
export async function deleteKeysWithPrefix(redis: RedisClient, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new Error(`refusing to delete keys of an unusual prefix: "${prefix}"`);
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
