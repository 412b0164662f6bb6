/** The only place that constructs Redis connections: to one Redis, or to a Redis Cluster. */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { env } from '@/lib/env';
import { outageLog } from '@/lib/health/outage-log';

export type ConnectionRole = 'producer' | 'worker' | 'state';

/** A connection to one Redis or to a cluster: every command the product sends works on both. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: one URL (`REDIS_URL`), or some nodes of a cluster (`REDIS_CLUSTER_NODES`). */
export type RedisTarget = string | { clusterNodes: readonly string[] };

/** The configured target: the cluster when its nodes are set, else `REDIS_URL`. */
export function configuredRedisTarget(config: { REDIS_URL: string; REDIS_CLUSTER_NODES: readonly string[] } = env()): RedisTarget {
  return config.REDIS_CLUSTER_NODES.length > 0 ? { clusterNodes: config.REDIS_CLUSTER_NODES } : config.REDIS_URL;
}

/** How the target is named in logs: the URL (the outage log leaves its password out), or the nodes. */
export function describeRedisTarget(target: RedisTarget): string {
  return typeof target === 'string' ? target : target.clusterNodes.join(',');
}

function parseNode(node: string): { host: string; port: number } {
  const at = node.lastIndexOf(':');
  return { host: node.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(node.slice(at + 1)) };
}

/**
 * Producers (and the pipeline's state connection) fail fast when Redis is down — a command
 * waits for at most one reconnection attempt (the ingestion API must answer 503, not hang) — but
 * wait for the first connection at startup.
 * Workers block on Redis and must retry forever, as BullMQ requires. On a cluster the same
 * options apply to each node's connection (`redisOptions`); the cluster client itself queues
 * commands while it learns the slot map.
 */
export function createRedisConnection(role: ConnectionRole, target: RedisTarget = configuredRedisTarget()): RedisClient {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { enableOfflineQueue: true, maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 5_000 };
  // The pipeline's own state (claims, markers, leases, the rate limiter, the delivery log) is
  // many small commands from many jobs at once: on one Redis, those issued in one turn of the
  // event loop leave in one write (one system call, one read for Redis). Not on a cluster, where
  // ioredis refuses an explicit pipeline whose keys span nodes once auto-pipelining is on; nor
  // on BullMQ's connections, which keep one write per command as BullMQ expects.
  if (role === 'state' && typeof target === 'string') options.enableAutoPipelining = true;
  const redis =
    typeof target === 'string'
      ? new Redis(target, { ...options, lazyConnect: false })
      : new Cluster(target.clusterNodes.map(parseNode), {
          redisOptions: options,
          enableReadyCheck: true,
          // BullMQ's blocking commands and our scripts must reach a slot's master, never a replica.
          scaleReads: 'master',
          lazyConnect: false,
        });
  // ioredis reconnects by itself (at most every 2 s) and the commands that fail meanwhile
  // surface the error to their callers; the outage is said once per 10 s for all connections.
  const outage = outageLog('Redis', describeRedisTarget(target));
  redis.on('error', (err: Error) => outage.failed(err));
  redis.on('ready', () => outage.reachable());
  return redis;
}

/**
 * The masters holding the data: the one Redis, or each master of a cluster. Whole-keyspace
 * commands (INFO, SCAN, DBSIZE) must go to each of them, as a cluster client sends them to one.
 */
export function masterNodes(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}
