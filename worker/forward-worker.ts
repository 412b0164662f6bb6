/**
 * The worker's forwarding to Amplitude: a BullMQ worker of its own on the `forward` queue with
 * its own concurrency (FORWARD_CONCURRENCY), so Braze delivery and forwarding never wait for
 * each other, its own metrics recorder, and the pruning of its history.
 */
import { Worker, type WorkerOptions } from 'bullmq';
import type { Env } from '@/lib/env';
import { forwardBackoff, ForwardRetryError } from '@/lib/forward/backoff';
import { createAmplitudeSender } from '@/lib/forward/client';
import { ForwardMetrics } from '@/lib/forward/forward-metrics';
import { pruneForwarding } from '@/lib/forward/retention';
import { loadForwardTarget } from '@/lib/forward/settings';
import { cacheTargets } from '@/lib/forward/target-cache';
import { ThrottledIds } from '@/lib/forward/throttled-ids';
import { isConnectionError } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { createRedisConnection } from '@/lib/queue/connection';
import { QUEUE_NAMES } from '@/lib/queue/contracts';
import { splitConcurrency } from '@/lib/queue/partitions';
import { createForwardProcessor } from '@/worker/processors/forward';

const log = childLogger('worker');
const PRUNE_EVERY_MS = 10 * 60_000;

export interface Forwarding {
  close: () => Promise<void>;
}

/**
 * `prefixes`: the partitions this worker consumes (forward jobs are queued beside a partition's
 * ingest job); FORWARD_CONCURRENCY is split over them.
 */
export function startForwarding(
  config: Env,
  common: Omit<WorkerOptions, 'connection' | 'prefix'> & { prefixes: string[] },
  onConnectionError: (err: Error) => void,
): Forwarding {
  const metrics = new ForwardMetrics();
  metrics.start();
  const { prefixes, ...options } = common;
  const processor = createForwardProcessor({
    loadTarget: cacheTargets(loadForwardTarget),
    send: createAmplitudeSender({ timeoutMs: config.AMPLITUDE_REQUEST_TIMEOUT_MS }),
    throttles: new ThrottledIds(),
    recorder: metrics,
    maxAgeMs: config.DELIVERY_MAX_RETRY_HOURS * 3600_000,
  });
  const concurrency = splitConcurrency(config.FORWARD_CONCURRENCY, prefixes.length);
  const workers = prefixes.map((prefix, i) => {
    const worker = new Worker(QUEUE_NAMES.forward, processor, {
      ...options,
      prefix,
      connection: createRedisConnection('worker'),
      concurrency: concurrency[i],
      settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => forwardBackoff(attemptsMade, err) },
    });
    worker.on('failed', (job, err) =>
      log[err instanceof ForwardRetryError ? 'info' : 'error']({ queue: 'forward', jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job attempt failed'),
    );
    worker.on('error', (err) => (isConnectionError(err) ? onConnectionError(err) : log.error({ queue: 'forward', err: err.message }, 'worker error')));
    return worker;
  });
  const prune = () => pruneForwarding(config.METRICS_RETENTION_DAYS).catch((err: Error) => log.warn({ err: err.message }, 'forwarding retention failed; will retry'));
  const pruning = setInterval(() => void prune(), PRUNE_EVERY_MS);
  pruning.unref();
  void prune();
  return {
    close: async () => {
      clearInterval(pruning);
      await Promise.all(workers.map((worker) => worker.close()));
      await metrics.stop();
    },
  };
}
