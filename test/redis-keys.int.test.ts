import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '@/lib/queue/connection';
import { deleteKeysWithPrefix } from '@/test/redis-keys';

const redis = createRedisConnection('producer');
afterAll(() => redis.quit());

describe('deleteKeysWithPrefix', () => {
  it("deletes a prefix's keys and its partitions', and its sub-prefixes' only when asked", async () => {
    const prefix = `keys-${randomBytes(4).toString('hex')}`;
    const own = [`${prefix}:a`, `{${prefix}:p0}:b`];
    const sub = [`${prefix}-rig:c`, `{${prefix}-rig:p1}:d`];
    const others = [`${prefix}x:e`, `other-${prefix}:f`];
    for (const key of [...own, ...sub, ...others]) await redis.set(key, '1');
    const exists = async (keys: string[]) => Promise.all(keys.map((k) => redis.exists(k)));

    expect(await deleteKeysWithPrefix(redis, prefix)).toBe(2);
    expect(await exists(own)).toEqual([0, 0]);
    expect(await exists(sub)).toEqual([1, 1]);

    expect(await deleteKeysWithPrefix(redis, prefix, { subPrefixes: true })).toBe(2);
    expect(await exists(sub)).toEqual([0, 0]);
    expect(await exists(others)).toEqual([1, 1]);
    await redis.del(...others);
  });

  it('refuses a prefix that would match more than its own keys', async () => {
    await expect(deleteKeysWithPrefix(redis, 'bzs*')).rejects.toThrow(/unusual prefix/);
  });
});
