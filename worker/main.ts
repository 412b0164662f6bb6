/**
 * The worker process: config → pipeline (lib/pipeline/assemble) → queue workers → shutdown.
 * On SIGTERM it stops taking jobs, sends what is waiting, finishes the jobs in progress and
 * exits; a job it could not finish in time stays in Redis and is picked up again (nothing lost).
 */
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { envOrExit } from '@/lib/env';
import { nameWaitingProcess, outageLog, untilReachable } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { assemblePipeline } from '@/lib/pipeline/assemble';
import { configuredRedisTarget, describeRedisTarget } from '@/lib/queue/connection';
import { closeQueues } from '@/lib/queue/queues';
import { startHoldingPausedSyncs } from '@/worker/held-jobs';
import { startMaintenance } from '@/worker/maintenance';
import { startQueueWorkers } from '@/worker/queue-workers';

const log = childLogger('worker');

async function main(): Promise<void> {
  const config = envOrExit();
  nameWaitingProcess('the worker');
  const redisOutage = outageLog('Redis', describeRedisTarget(configuredRedisTarget(config)));
  // Postgres may still be starting (a fresh container, a reboot): wait for it, saying so.
  await untilReachable(outageLog('Postgres', config.DATABASE_URL), () => prisma().$queryRaw`SELECT 1`);

  const pipeline = await assemblePipeline(config);
  const paused = await startHoldingPausedSyncs(pipeline, config.WORKER_PARTITIONS);
  const workers = startQueueWorkers(config, pipeline, (err) => redisOutage.failed(err));
  const stopMaintenance = startMaintenance(config);
  log.info(
    {
      concurrency: config.DELIVERY_CONCURRENCY,
      ingestConcurrency: config.INGEST_CONCURRENCY,
      lingerMs: config.DELIVERY_LINGER_MS,
      partitions: config.WORKER_PARTITIONS.length === config.QUEUE_PARTITIONS ? `all ${config.QUEUE_PARTITIONS}` : config.WORKER_PARTITIONS.join(','),
    },
    'worker started',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker shutting down');
    await stopMaintenance();
    // Without Redis no job in progress can be finished or handed back: waiting is pointless.
    const force = setTimeout(() => {
      log.warn('shutdown timeout: unfinished jobs return to the queue');
      process.exit(1);
    }, redisOutage.isDown ? 2_000 : config.WORKER_SHUTDOWN_TIMEOUT_MS);
    // Stop taking jobs first, then flush the batcher so lingering jobs finish, then wait for them.
    const closing = Promise.all([workers.close(), paused.stop()]);
    await pipeline.drain();
    await closing;
    await pipeline.close();
    await Promise.allSettled([closeQueues(), disconnectPrisma()]);
    clearTimeout(force);
    log.info('worker stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: Error) => {
  log.fatal({ err: err.message, stack: err.stack }, 'worker failed to start');
  process.exit(1);
});
