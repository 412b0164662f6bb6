/**
 * The product on a local Redis Cluster for the delivery benchmark: three masters on loopback
 * (test/local-redis-cluster.ts, the integration tests' helper), an app of its own configured with
 * REDIS_CLUSTER_NODES and the cluster's default partitions, and this process's handles on the
 * partitions' queues (its own configuration points at the run's single Redis). The worker is
 * started by the scenario with `ctx`. The masters' CPU is measured as Redis's.
 */
import { Queue } from 'bullmq';
import { startApp } from '@/bench/harness/app';
import type { RunContext } from '@/bench/harness/context';
import type { RunningFake } from '@/bench/scenarios/delivery/fake-braze';
import type { Rig } from '@/bench/scenarios/delivery/measure';
import { DEFAULT_CLUSTER_PARTITIONS } from '@/lib/env';
import { createRedisConnection } from '@/lib/queue/connection';
import { QUEUE_NAMES } from '@/lib/queue/contracts';
import { Partitions } from '@/lib/queue/partitions';
import { startRedisCluster } from '@/test/local-redis-cluster';

export const CLUSTER_MASTERS = 3;
export const CLUSTER_PARTITIONS = DEFAULT_CLUSTER_PARTITIONS;

export interface ClusterRig {
  /** The run's context with the cluster's settings: start the worker with it. */
  ctx: RunContext;
  rig: Rig;
  stop: () => Promise<void>;
}

export async function startClusterRig(ctx: RunContext, fake: RunningFake): Promise<ClusterRig> {
  const cluster = await startRedisCluster({ masters: CLUSTER_MASTERS });
  // REDIS_URL blanked (the bench process's environment has it, and children inherit it).
  const productEnv = { ...ctx.productEnv, REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodeList, QUEUE_PARTITIONS: String(CLUSTER_PARTITIONS) };
  const onCluster: RunContext = { ...ctx, productEnv };
  const connection = createRedisConnection('producer', { clusterNodes: cluster.nodeList.split(',') });
  const partitions = new Partitions({ base: ctx.queuePrefix, count: CLUSTER_PARTITIONS, cluster: true });
  const queuesOf = (name: string) => partitions.all.map((p) => new Queue(name, { connection, prefix: partitions.prefixOf(p) }));
  const queues = { ingest: queuesOf(QUEUE_NAMES.ingest), deliver: queuesOf(QUEUE_NAMES.deliver) };
  const closeQueues = async () => {
    await Promise.all([...queues.ingest, ...queues.deliver].map((q) => q.close()));
    connection.disconnect();
  };
  try {
    const app = await startApp(onCluster);
    return {
      ctx: onCluster,
      rig: { ctx: onCluster, app, fake, clusterPids: cluster.pids, productQueues: () => queues },
      stop: async () => {
        await app.stop();
        await closeQueues();
        await cluster.stop();
      },
    };
  } catch (err) {
    await closeQueues();
    await cluster.stop();
    throw err;
  }
}
