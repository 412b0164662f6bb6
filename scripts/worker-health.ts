/**
 * Health check of a worker container (docker-compose.yml): exits 0 when a worker process of this
 * host (the container) announced itself in Redis within the last 15 s (lib/health/heartbeat),
 * 1 otherwise. A worker stuck without Redis, or one that never started, turns unhealthy.
 */
import os from 'node:os';
import { env } from '@/lib/env';
import { listLiveWorkers } from '@/lib/health/heartbeat';
import { createRedisConnection } from '@/lib/queue/connection';

async function main(): Promise<boolean> {
  const config = env();
  const redis = createRedisConnection('producer');
  try {
    const live = await listLiveWorkers(redis, config.QUEUE_PREFIX);
    return live.some((worker) => worker.id.startsWith(`${os.hostname()}:`));
  } finally {
    redis.disconnect();
  }
}

main().then(
  (alive) => {
    if (!alive) console.error(`No live worker on ${os.hostname()} in the last 15 s.`);
    process.exit(alive ? 0 : 1);
  },
  (err: Error) => {
    console.error(`Worker health unknown: ${err.message}`);
    process.exit(1);
  },
);
