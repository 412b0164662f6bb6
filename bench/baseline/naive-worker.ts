/**
 * The naive delivery baseline of the benchmark: what a straightforward implementation does,
 * one queue job and one Braze `/users/track` request per event.
 *
 * It drains the product's `ingest` queue (the app is unchanged) with the product's own pipeline,
 * built by `assemblePipeline` as the worker builds it: its fan-out (`fanOutIngestJob`: de-duplication, user profiles, `buildItemsForSync`), so every Braze object
 * is exactly the one the product sends; only the packing differs: each object becomes its own job
 * on the `naive-deliver` queue, and each job its own request. Requests go through the pipeline's
 * sender (`createBrazeSender`: `sendTrack` paced by the workspace rate limiter on Braze's
 * headers), with the product's concurrency, and are counted in the product's delivery metrics
 * (delivered, latency histogram) so the benchmark reads both the same way.
 *
 * Run as `node --import tsx bench/baseline/naive-worker.ts` with the product's environment; it
 * logs `naive worker started` when ready and stops on SIGTERM.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { disconnectPrisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { childLogger } from '@/lib/log/logger';
import { assemblePipeline } from '@/lib/pipeline/assemble';
import { fanOutIngestJob } from '@/lib/pipeline/fan-out/fanout';
import type { NewDeliverJob } from '@/lib/pipeline/deliver/deliver-inline';
import { deliveryBackoff, RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';
import { createRedisConnection } from '@/lib/queue/connection';
import { QUEUE_NAMES, deliverJobSchema, ingestJobSchema, type DeliverJob, type IngestJob } from '@/lib/queue/contracts';
import { closeQueues, producerConnection } from '@/lib/queue/queues';
import { loadRuntimeSync } from '@/lib/syncs/runtime';
import { NAIVE_DELIVER_QUEUE } from '@/bench/baseline/naive-queue';

const log = childLogger('naive-worker');

async function main(): Promise<void> {
  const config = env();
  const pipeline = await assemblePipeline(config);
  const { metrics, send } = pipeline;
  // The baseline runs on one Redis with one partition (its own queue is not partitioned).
  const { fanOut, deliver: deliverDeps, prefix } = pipeline.partition(0);
  const maxAgeMs = deliverDeps.maxAgeMs;
  const perEvent = new Queue<DeliverJob>(NAIVE_DELIVER_QUEUE, {
    connection: producerConnection(),
    prefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 10_000 }, attempts: 1_000, backoff: { type: 'braze' } },
  });

  const processIngest = async (job: Job<IngestJob>) => {
    const data = ingestJobSchema.parse(job.data);
    const jobId = job.id ?? job.name;
    // One job per object instead of one per request's worth, and no inline first attempt.
    const addPerEvent = (jobs: NewDeliverJob[]) =>
      perEvent.addBulk(
        jobs.flatMap((j) =>
          j.data.items.map((item, k) => ({
            name: 'deliver',
            data: { syncId: j.data.syncId, items: [item] },
            opts: { deduplication: { id: `${j.opts.deduplication.id}:${k}`, ttl: j.opts.deduplication.ttl } },
          })),
        ),
      );
    return fanOutIngestJob({ ingestJobId: jobId, lockJobId: jobId, lockToken: '', rerun: false }, data, {
      ...fanOut,
      addDeliverJobs: addPerEvent,
      deliverInline: async (_run, jobs) => void (await addPerEvent(jobs)),
    });
  };

  const processDeliver = async (job: Job<DeliverJob>) => {
    const { syncId, items } = deliverJobSchema.parse(job.data);
    const item = items[0]!;
    const sync = await loadRuntimeSync(syncId);
    if (!sync?.enabled) return;
    const outcome = await send(sync, { [item.kind]: [item.object] });
    if (outcome.kind === 'retryable') {
      metrics.add(syncId, { retried: 1 });
      throw new RetryableDeliveryError(outcome.reason, outcome.status, outcome.retryAt ?? undefined);
    }
    if (outcome.kind === 'permanent' || (outcome.kind === 'accepted' && outcome.minorErrors.length > 0)) {
      metrics.add(syncId, { notDelivered: 1 });
      return;
    }
    metrics.add(syncId, { delivered: 1, [job.attemptsMade === 0 ? 'deliveredFirstAttempt' : 'deliveredAfterRetry']: 1, dataPointsSent: 1 });
    metrics.addLatencies(syncId, [Date.now() - item.receivedAt]);
  };

  const common = { prefix, lockDuration: config.WORKER_LOCK_MS, maxStalledCount: 100 };
  const ingest = new Worker(QUEUE_NAMES.ingest, processIngest, { ...common, connection: createRedisConnection('worker'), concurrency: config.INGEST_CONCURRENCY });
  const deliver = new Worker(NAIVE_DELIVER_QUEUE, processDeliver, {
    ...common,
    connection: createRedisConnection('worker'),
    concurrency: config.DELIVERY_CONCURRENCY,
    settings: { backoffStrategy: deliveryBackoff(maxAgeMs) },
  });
  for (const w of [ingest, deliver]) {
    w.on('failed', (job, err) => {
      if (!(err instanceof RetryableDeliveryError)) log.error({ jobId: job?.id, err: err.message }, 'job attempt failed');
    });
    w.on('error', (err) => log.error({ err: err.message }, 'worker error'));
  }
  log.info({ concurrency: config.DELIVERY_CONCURRENCY }, 'naive worker started');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([ingest.close(), deliver.close()]);
    await pipeline.close();
    await perEvent.close();
    await Promise.allSettled([closeQueues(), disconnectPrisma()]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err: Error) => {
  log.fatal({ err: err.message, stack: err.stack }, 'naive worker failed to start');
  process.exit(1);
});
