/**
 * The worker process: drains the ingest queue (fan-out per sync) and the deliver queue (Braze).
 * On SIGTERM it stops taking jobs, sends what is waiting, finishes the jobs in progress and
 * exits; a job it could not finish in time stays in Redis and is picked up again (nothing lost).
 */
import { Worker } from 'bullmq';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { envOrExit } from '@/lib/env';
import { childLogger } from '@/lib/log/logger';
import { CatalogRecorder } from '@/lib/catalog/recorder';
import { MetricsRecorder } from '@/lib/metrics/recorder';
import { pruneMetrics } from '@/lib/metrics/retention';
import { reapLostReplays } from '@/lib/dead-letters/replay-reaper';
import { startHeartbeat } from '@/lib/health/heartbeat';
import { duringOutage, isConnectionError, nameWaitingProcess, outageLog, untilReachable } from '@/lib/health/outage-log';
import { startHealthChecks } from '@/worker/health-checks';
import { DeliveryBatcher } from '@/lib/pipeline/delivery-batcher';
import { DeliveryMarkers } from '@/lib/pipeline/delivery-markers';
import { DeliveryLogWriter } from '@/lib/pipeline/delivery-log';
import { WorkspaceRateLimiter } from '@/lib/pipeline/rate-limiter';
import { deliveryBackoff, RetryableDeliveryError } from '@/lib/pipeline/retry';
import { HeldJobs } from '@/lib/pipeline/held-jobs';
import { isBrazeFailure, RetryWake } from '@/lib/pipeline/retry-wake';
import { createBrazeSender } from '@/lib/pipeline/send-track';
import { UserLeases } from '@/lib/pipeline/user-leases';
import { createRedisConnection } from '@/lib/queue/connection';
import { QUEUE_NAMES } from '@/lib/queue/contracts';
import { closeQueues, deliverQueue, privacyQueue, producerConnection } from '@/lib/queue/queues';
import { loadSentValues, rememberSentValues } from '@/lib/pipeline/attribute-cache';
import { pauseSync } from '@/lib/syncs/pauses';
import { loadRuntimeSync } from '@/lib/syncs/runtime';
import { switchToStricterObjectLimit } from '@/lib/syncs/object-limit-switch';
import { createAttributeGuard } from '@/lib/pipeline/guard/guard-items';
import { WorkspaceSchemas } from '@/lib/pipeline/guard/workspace-schema';
import { promoteDelayed, startHoldingPausedSyncs } from '@/worker/held-jobs';
import { createDeliverProcessor } from '@/worker/processors/deliver';
import { createIngestProcessor } from '@/worker/processors/ingest';
import { startForwarding } from '@/worker/forward-worker';
import { startImportWorker } from '@/worker/imports';
import { createPrivacyProcessor } from '@/worker/processors/privacy';
import { RefusedUsers } from '@/lib/privacy/refused-users';
import { requeueUnfinishedSteps } from '@/lib/privacy/requeue-steps';
import { createIdentifyAliases } from '@/lib/anonymous/identify-aliases';
import { createAliasSender } from '@/lib/anonymous/identify-sender';
import { findUnidentified, markIdentified } from '@/lib/anonymous/device-links';

const log = childLogger('worker');

async function main(): Promise<void> {
  const config = envOrExit();
  nameWaitingProcess('the worker');
  const redisOutage = outageLog('Redis', config.REDIS_URL);
  // Postgres may still be starting (a fresh container, a reboot): wait for it, saying so.
  await untilReachable(outageLog('Postgres', config.DATABASE_URL), () => prisma().$queryRaw`SELECT 1`);
  const maxAgeMs = config.DELIVERY_MAX_RETRY_HOURS * 3600_000;
  const metrics = new MetricsRecorder();
  metrics.start();
  const catalog = new CatalogRecorder();
  catalog.start();
  const limiter = new WorkspaceRateLimiter(producerConnection(), config.QUEUE_PREFIX);
  // /users/delete, /users/identify and /users/merge share one window per workspace (braze-api.md §4.3).
  const usersLimiter = new WorkspaceRateLimiter(producerConnection(), config.QUEUE_PREFIX, 'users-management');
  const deliveryLog = new DeliveryLogWriter(producerConnection(), config.QUEUE_PREFIX, (err) =>
    log.warn({ err: err.message }, 'delivery log entries not recorded'),
  );
  const wake = new RetryWake({
    list: new HeldJobs(producerConnection(), config.QUEUE_PREFIX, 'retrying'),
    promote: promoteDelayed,
    onWoken: (syncId, count) => log.info({ syncId, count }, 'Braze accepts again: jobs waiting out a backoff go now'),
    onError: (err) => log.warn({ err: err.message }, 'jobs waiting out a backoff not woken; they go at the end of it'),
  });
  const send = createBrazeSender(metrics, {
    limiter,
    log: async (syncId, entry) => deliveryLog.append(syncId, entry),
    onAccepted: (syncId) => wake.accepted(syncId),
  });
  const batcher = new DeliveryBatcher({ lingerMs: config.DELIVERY_LINGER_MS, send, onTooManyObjects: switchToStricterObjectLimit });
  const guard = createAttributeGuard(
    new WorkspaceSchemas({ fetch, timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS, allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS }),
    { rememberFirstTypes: true },
  );
  const leases = new UserLeases(producerConnection(), config.QUEUE_PREFIX, config.WORKER_LOCK_MS);
  const markers = new DeliveryMarkers(producerConnection(), config.QUEUE_PREFIX, Math.ceil(maxAgeMs / 1000) + 3_600);
  const paused = await startHoldingPausedSyncs(config.QUEUE_PREFIX);
  // Users deleted within their grace period: left out of fan-out and delivery (lib/privacy).
  const refused = new RefusedUsers();
  await refused.start();

  const common = {
    prefix: config.QUEUE_PREFIX,
    connection: createRedisConnection('worker'),
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: Math.max(1_000, Math.floor(config.WORKER_LOCK_MS / 2)),
    // BullMQ fails a job outright (whatever its attempts) once it stalled more than this many
    // times; its default of 1 loses a job whose worker is killed twice while holding it (two
    // deploys, a Redis restart). Our jobs are safe to run again (insert_id claims, derived
    // delivery job ids, delivery markers), so only a job that keeps killing workers — about
    // WORKER_LOCK_MS × this many of crash loops — is given up, and kept in the failed set.
    maxStalledCount: 100,
  };
  // Forwarding to Amplitude: its own queue and concurrency, so Braze delivery never waits for it.
  const forwarding = startForwarding(config, common, (err) => redisOutage.failed(err));
  // History imports run beside live traffic, within their share of each workspace's Braze budget.
  const imports = startImportWorker({
    config,
    redis: producerConnection(),
    metrics,
    limiter,
    deliveryLog: async (syncId, entry) => deliveryLog.append(syncId, entry),
    workerOptions: { prefix: common.prefix, lockDuration: common.lockDuration, stalledInterval: common.stalledInterval, maxStalledCount: common.maxStalledCount },
    onConnectionError: (err) => redisOutage.failed(err),
  });
  const ingest = new Worker(QUEUE_NAMES.ingest, createIngestProcessor(metrics, catalog, refused, leases), {
    ...common,
    concurrency: config.INGEST_CONCURRENCY,
  });
  const deliver = new Worker(
    QUEUE_NAMES.deliver,
    createDeliverProcessor({
      batcher,
      metrics,
      loadSync: loadRuntimeSync,
      pauseSync,
      maxAgeMs,
      markers,
      leases,
      loadSent: (syncId, userKeys) => loadSentValues(producerConnection(), config.QUEUE_PREFIX, syncId, userKeys),
      rememberSent: (syncId, updates) => rememberSentValues(producerConnection(), config.QUEUE_PREFIX, syncId, updates),
      guard,
      identifyAliases: createIdentifyAliases({
        send: createAliasSender({
          limiter: usersLimiter,
          log: (syncId, entry) => deliveryLog.append(syncId, entry),
        }),
        metrics,
        findUnidentified,
        markIdentified,
      }),
    }, paused.held, refused),
    {
      ...common,
      connection: createRedisConnection('worker'),
      concurrency: config.DELIVERY_CONCURRENCY,
      settings: { backoffStrategy: deliveryBackoff(maxAgeMs) },
    },
  );
  const privacy = new Worker(
    QUEUE_NAMES.privacy,
    createPrivacyProcessor({
      redis: producerConnection(),
      prefix: config.QUEUE_PREFIX,
      leases,
      refused,
      loadSync: loadRuntimeSync,
      maxAgeMs,
      limiter: usersLimiter,
      log: (syncId, entry) => deliveryLog.append(syncId, entry),
    }),
    { ...common, connection: createRedisConnection('worker'), concurrency: 2, settings: { backoffStrategy: deliveryBackoff(maxAgeMs) } },
  );
  // Listed once BullMQ has moved the job to the delayed set ('failed' comes after that).
  deliver.on('failed', (job, err) => {
    if (job?.id && isBrazeFailure(err)) {
      wake.add(job.data.syncId, job.id).catch((e: Error) => log.warn({ err: e.message }, 'retrying job not listed; it goes at the end of its backoff'));
    }
  });
  for (const [name, w] of [['ingest', ingest], ['deliver', deliver], ['privacy', privacy]] as const) {
    w.on('failed', (job, err) =>
      log[err instanceof RetryableDeliveryError ? 'info' : 'error'](
        { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job attempt failed',
      ),
    );
    // Lost connections are said once per 10 s by the Redis outage log, not once per attempt.
    w.on('error', (err) => (isConnectionError(err) ? redisOutage.failed(err) : log.error({ queue: name, err: err.message }, 'worker error')));
  }
  // Every worker prunes; the deletes are idempotent, so several workers do no harm.
  const prune = () =>
    pruneMetrics({ minuteHours: config.METRICS_MINUTE_RETENTION_HOURS, days: config.METRICS_RETENTION_DAYS }).catch((err: Error) =>
      log.warn({ err: err.message }, 'metrics retention failed; will retry'),
    );
  const stopHeartbeat = startHeartbeat(producerConnection(), config.QUEUE_PREFIX, (err) => duringOutage(err) || log.warn({ err: err.message }, 'heartbeat failed'));
  const stopHealthChecks = startHealthChecks(config);
  const pruning = setInterval(() => void prune(), 10 * 60_000);
  pruning.unref();
  // Letters whose replay job is gone go back to failed (lib/dead-letters/replay-reaper).
  const reaping = setInterval(
    () => void reapLostReplays(deliverQueue()).catch((err: Error) => log.warn({ err: err.message }, 'replay reaper failed; will retry')),
    60_000,
  );
  reaping.unref();
  // Deletion steps whose queue job was lost are queued again (lib/privacy/requeue-steps).
  const requeue = () => void requeueUnfinishedSteps(privacyQueue()).catch((err: Error) => log.warn({ err: err.message }, 'deletion steps not re-queued; will retry'));
  const requeueing = setInterval(requeue, 10 * 60_000);
  requeueing.unref();
  requeue();
  void prune();
  log.info(
    { concurrency: config.DELIVERY_CONCURRENCY, ingestConcurrency: config.INGEST_CONCURRENCY, lingerMs: config.DELIVERY_LINGER_MS },
    'worker started',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker shutting down');
    clearInterval(pruning);
    clearInterval(reaping);
    clearInterval(requeueing);
    await stopHeartbeat();
    await stopHealthChecks();
    // Without Redis no job in progress can be finished or handed back: waiting is pointless.
    const force = setTimeout(() => {
      log.warn('shutdown timeout: unfinished jobs return to the queue');
      process.exit(1);
    }, redisOutage.isDown ? 2_000 : config.WORKER_SHUTDOWN_TIMEOUT_MS);
    // Stop taking jobs first, then flush the batcher so lingering jobs finish, then wait for them.
    refused.stop();
    const closing = Promise.all([ingest.close(), deliver.close(), forwarding.close(), imports.close(), privacy.close(), paused.stop()]);
    await batcher.drain();
    await closing;
    await wake.stop();
    await deliveryLog.flush();
    await Promise.all([metrics.stop(), catalog.stop()]);
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
