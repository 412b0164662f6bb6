/**
 * The pipeline on a local Redis Cluster of a test file's own (test/redis-cluster.ts): a cluster
 * client, a fake Braze, and the app's ingestion handler in this process, configured for the
 * cluster and `partitions` partitions; the workers the tests start inherit that configuration.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { closeQueues } from '@/lib/queue/queues';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import type { makeEvents } from '@/test/fixtures';
import { startIngestServer, type IngestServer } from '@/test/ingest-server';
import { waitFor } from '@/test/processes';
import { redisClusterForFile, type RedisCluster } from '@/test/redis-cluster';

export interface ClusterRig {
  cluster: RedisCluster;
  client: Cluster;
  braze: FakeBraze;
  ingest: IngestServer;
  prefix: string;
}

/** The port of the master that serves a key's slot. */
export async function masterOf(client: Cluster, key: string): Promise<number> {
  const slot = Number(await client.cluster('KEYSLOT', key));
  const range = (await client.cluster('SLOTS')).find(([from, to]) => slot >= from && slot <= to);
  const master = range?.[2];
  if (!master) throw new Error(`no master serves slot ${slot}`);
  return master[1];
}

export function clusterPipelineForFile(opts: {
  partitions: number;
  persistent?: boolean;
  /** The queue prefix, from the cluster client and the run's own prefix. */
  prefix: (client: Cluster, base: string) => Promise<string> | string;
}): () => ClusterRig {
  const local = redisClusterForFile({ persistent: opts.persistent });
  let rig: ClusterRig | undefined;
  beforeAll(async () => {
    const cluster = local.cluster();
    const client = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    await waitFor(() => client.status === 'ready', { what: 'the cluster client' });
    const braze = await startFakeBraze();
    const prefix = await opts.prefix(client, process.env.QUEUE_PREFIX ?? 'bzs-test');
    // Read once per process, by the ingestion handler here and by the workers, which inherit them.
    Object.assign(process.env, {
      BRAZE_CUSTOM_ENDPOINTS: braze.url,
      QUEUE_PREFIX: prefix,
      REDIS_CLUSTER_NODES: cluster.nodeList,
      QUEUE_PARTITIONS: String(opts.partitions),
    });
    delete process.env.REDIS_URL;
    rig = { cluster, client, braze, ingest: await startIngestServer(), prefix };
  }, 120_000);
  afterAll(async () => {
    await rig?.ingest.close();
    await rig?.braze.close();
    await closeQueues();
    await disconnectPrisma();
    rig?.client.disconnect();
  });
  return () => {
    if (!rig) throw new Error('the cluster rig is not started yet (use it inside a test or hook)');
    return rig;
  };
}

const keyOf = (o: Record<string, unknown>) => `${String(o.external_id)}|${String(o.name)}|${String(o.time)}`;

/**
 * Waits until every one of `events` is at Braze; then at most `maxDuplicates` came twice, and each
 * such send is counted in the sync's possible duplicates (by the worker that sent it again).
 */
export async function expectEveryEventDuplicatesCounted(
  braze: FakeBraze,
  events: ReturnType<typeof makeEvents>,
  syncId: string,
  opts: { timeoutMs: number; maxDuplicates: number },
): Promise<void> {
  await waitFor(() => new Set(braze.events().map((e) => keyOf(e.object))).size === events.length, { what: `all ${events.length} events`, timeoutMs: opts.timeoutMs });
  const received = braze.events().map((e) => keyOf(e.object));
  expect(new Set(received)).toEqual(new Set(events.map((e) => keyOf({ external_id: e.user_id, name: e.event_type, time: new Date(e.time).toISOString() }))));
  const duplicates = received.length - events.length;
  expect(duplicates).toBeLessThanOrEqual(opts.maxDuplicates);
  await waitFor(
    async () => {
      const rows = await prisma().syncMinuteMetric.findMany({ where: { syncId } });
      return rows.reduce((n, r) => n + r.possibleDuplicates, 0) >= duplicates;
    },
    { what: `${duplicates} possible duplicates counted`, timeoutMs: 30_000 },
  );
}
