/**
 * The local Redis Cluster of test/redis-cluster.ts: three masters share the 16,384 slots, keys
 * spread over all of them, keys of one hash tag stay on one node, and a multi-key command across
 * slots is refused — the constraint every multi-key operation of a partitioned pipeline must meet.
 */
import { Cluster } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@/test/processes';
import { redisClusterForFile } from '@/test/redis-cluster';

const local = redisClusterForFile();

describe('a local Redis Cluster', () => {
  it('spreads keys over three masters, keeps a hash tag on one, and refuses a multi-key command across slots', async () => {
    const cluster = local.cluster();
    expect(cluster.nodes).toHaveLength(3);
    expect(cluster.cli(cluster.nodes[0]!.port, 'cluster', 'info')).toMatch(/cluster_size:3/);
    const client = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    try {
      await waitFor(() => client.status === 'ready', { what: 'the cluster client to be ready' });
      for (let i = 0; i < 60; i++) await client.set(`spread:${i}`, String(i));
      const perMaster = await Promise.all(client.nodes('master').map((node) => node.dbsize()));
      expect(perMaster).toHaveLength(3);
      expect(perMaster.every((n) => n > 0)).toBe(true);
      expect(perMaster.reduce((a, b) => a + b, 0)).toBe(60);

      await client.mset('{user-1}:events', 'a', '{user-1}:lease', 'b');
      expect(await client.mget('{user-1}:events', '{user-1}:lease')).toEqual(['a', 'b']);
      await expect(client.mset('user-1:events', 'a', 'user-2:lease', 'b')).rejects.toThrow(/CROSSSLOT|same slot/);
    } finally {
      client.disconnect();
    }
  });
});
