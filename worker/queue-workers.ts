/**
 * The worker's BullMQ side: one queue worker per queue (ingest, deliver, privacy, forward,
 * import), each running its processor over the assembled pipeline (lib/pipeline/assemble).
 * Ingest, deliver and forward queues exist per partition (lib/queue/partitions): this worker
 * runs one queue worker per queue for each partition it consumes (WORKER_PARTITIONS, default
 * all), with INGEST_CONCURRENCY and DELIVERY_CONCURRENCY split over them, so the settings stay
 * the worker's totals. Privacy and import jobs are in partition 0's queues, run by every worker.
 */
import { Worker, type WorkerOptions } from 'bullmq';
import type { Env } from '@/lib/env';
import { isConnectionError } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { maxRetryAgeMs, type Pipeline } from '@/lib/pipeline/assemble';
import { deliveryBackoff, RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';
import { isBrazeFailure } from '@/lib/pipeline/deliver/retry-wake';
import { createRedisConnection } from '@/lib/queue/connection';
import { QUEUE_NAMES } from '@/lib/queue/contracts';
import { splitConcurrency } from '@/lib/queue/partitions';
import { producerConnection } from '@/lib/queue/queues';
import { startForwarding } from '@/worker/forward-worker';
import { startImportWorker } from '@/worker/imports';
import { createDeliverProcessor } from '@/worker/processors/deliver';
import { createIngestProcessor } from '@/worker/processors/ingest';
import { createPrivacyProcessor } from '@/worker/processors/privacy';

const log = childLogger('worker');

/** Deletion steps run beside delivery, two at a time. */
const PRIVACY_CONCURRENCY = 2;

export interface QueueWorkers {
  /** Stops taking jobs and resolves once the jobs in progress finished. */
  close: () => Promise<void>;
}

export function startQueueWorkers(config: Env, pipeline: Pipeline, onConnectionError: (err: Error) => void): QueueWorkers {
  const owned = config.WORKER_PARTITIONS;
  const common = {
    prefix: pipeline.partitions.prefixOf(0),
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: Math.max(1_000, Math.floor(config.WORKER_LOCK_MS / 2)),
    // BullMQ fails a job outright (whatever its attempts) once it stalled more than this many
    // times; its default of 1 loses a job whose worker is killed twice while holding it (two
    // deploys, a Redis restart). Our jobs are safe to run again (insert_id claims, derived
    // delivery job ids, delivery markers), so only a job that keeps killing workers — about
    // WORKER_LOCK_MS × this many of crash loops — is given up, and kept in the failed set.
    maxStalledCount: 100,
  } satisfies Omit<WorkerOptions, 'connection'>;
  const retrying = { backoffStrategy: deliveryBackoff(maxRetryAgeMs(config)) };
  // Forwarding to Amplitude: its own queue and concurrency, so Braze delivery never waits for it.
  const forwarding = startForwarding(
    config,
    { ...common, prefixes: owned.map((p) => pipeline.partitions.prefixOf(p)) },
    onConnectionError,
  );
  // History imports run beside live traffic, within their share of each workspace's Braze budget.
  const imports = startImportWorker({
    config,
    redis: producerConnection(),
    metrics: pipeline.metrics,
    limiter: pipeline.limiter,
    deliveryLog: pipeline.appendDeliveryLog,
    workerOptions: common,
    onConnectionError,
  });
  const ingestConcurrency = splitConcurrency(config.INGEST_CONCURRENCY, owned.length);
  const deliverConcurrency = splitConcurrency(config.DELIVERY_CONCURRENCY, owned.length);
  const partitionWorkers = owned.flatMap((p, i) => {
    const part = pipeline.partition(p);
    const onPartition = { ...common, prefix: part.prefix };
    const ingest = new Worker(QUEUE_NAMES.ingest, createIngestProcessor(part.fanOut, pipeline.refused, (jobId) => pipeline.partitions.jobIdentity(p, jobId)), {
      ...onPartition,
      connection: createRedisConnection('worker'),
      concurrency: ingestConcurrency[i],
    });
    const deliver = new Worker(QUEUE_NAMES.deliver, createDeliverProcessor(part.deliver, part.held, pipeline.refused), {
      ...onPartition,
      connection: createRedisConnection('worker'),
      concurrency: deliverConcurrency[i],
      settings: retrying,
    });
    // Listed once BullMQ has moved the job to the delayed set ('failed' comes after that).
    deliver.on('failed', (job, err) => {
      if (job?.id && isBrazeFailure(err)) {
        part.wake.add(job.data.syncId, job.id).catch((e: Error) => log.warn({ err: e.message }, 'retrying job not listed; it goes at the end of its backoff'));
      }
    });
    return [['ingest', ingest], ['deliver', deliver]] as const;
  });
  const privacy = new Worker(QUEUE_NAMES.privacy, createPrivacyProcessor(pipeline.privacy), {
    ...common,
    connection: createRedisConnection('worker'),
    concurrency: PRIVACY_CONCURRENCY,
    settings: retrying,
  });
  for (const [name, w] of [...partitionWorkers, ['privacy', privacy] as const]) {
    w.on('failed', (job, err) =>
      log[err instanceof RetryableDeliveryError ? 'info' : 'error'](
        { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job attempt failed',
      ),
    );
    // Lost connections are said once per 10 s by the Redis outage log, not once per attempt.
    w.on('error', (err) => (isConnectionError(err) ? onConnectionError(err) : log.error({ queue: name, err: err.message }, 'worker error')));
  }
  return {
    close: async () => {
      await Promise.all([...partitionWorkers.map(([, w]) => w.close()), forwarding.close(), imports.close(), privacy.close()]);
    },
  };
}
