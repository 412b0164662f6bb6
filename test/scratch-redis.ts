/**
 * A Redis connection for one test file, with a key prefix of its own; every key under the
 * prefix is deleted after the file's tests.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createRedisConnection, type RedisClient } from '@/lib/queue/connection';
import { deleteKeysWithPrefix } from '@/test/redis-keys';

export function scratchRedisForFile(name: string): { prefix: string; redis: () => RedisClient } {
  const prefix = `${name}-${randomBytes(4).toString('hex')}`;
  let redis: RedisClient | undefined;
  beforeAll(() => {
    redis = createRedisConnection('producer');
  });
  afterAll(async () => {
    if (!redis) return;
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });
  return {
    prefix,
    redis: () => {
      if (!redis) throw new Error('the scratch Redis is opened before the tests run');
      return redis;
    },
  };
}
