/** The only place that constructs Redis connections. */
import { Redis, type RedisOptions } from 'ioredis';
import { env } from '@/lib/env';
import { outageLog } from '@/lib/health/outage-log';

export type ConnectionRole = 'producer' | 'worker';

/**
 * Producers fail fast when Redis is down — a command waits for at most one reconnection attempt
 * (the ingestion API must answer 503, not hang) — but wait for the first connection at startup.
 * Workers block on Redis and must retry forever, as BullMQ requires.
 */
export function createRedisConnection(role: ConnectionRole, url = env().REDIS_URL): Redis {
  const options: RedisOptions =
    role === 'producer'
      ? { enableOfflineQueue: true, maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 5_000 }
      : { maxRetriesPerRequest: null, enableReadyCheck: true };
  const redis = new Redis(url, { ...options, lazyConnect: false });
  // ioredis reconnects by itself (at most every 2 s) and the commands that fail meanwhile
  // surface the error to their callers; the outage is said once per 10 s for all connections.
  const outage = outageLog('Redis', url);
  redis.on('error', (err: Error) => outage.failed(err));
  redis.on('ready', () => outage.reachable());
  return redis;
}
