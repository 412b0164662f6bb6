/** One local Redis Cluster (test/local-redis-cluster.ts) per test file. */
import { afterAll, beforeAll } from 'vitest';
import { READY_TIMEOUT_MS, startRedisCluster, type RedisCluster } from '@/test/local-redis-cluster';

export { startRedisCluster, type RedisCluster, type RedisClusterNode } from '@/test/local-redis-cluster';

/** One cluster for a test file: started before its tests, stopped after them. */
export function redisClusterForFile(opts: { masters?: number; persistent?: boolean } = {}): { cluster: () => RedisCluster } {
  let cluster: RedisCluster | undefined;
  beforeAll(async () => {
    cluster = await startRedisCluster(opts);
  }, 2 * READY_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  return {
    cluster: () => {
      if (!cluster) throw new Error('the Redis Cluster is not started yet (use it inside a test or hook)');
      return cluster;
    },
  };
}
