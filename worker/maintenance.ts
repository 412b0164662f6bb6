/**
 * The worker's periodic upkeep beside its queues: heartbeat and health checks, metrics
 * retention, replays whose job was lost, and deletion steps whose queue job was lost.
 */
import type { Env } from '@/lib/env';
import { reapLostReplays } from '@/lib/dead-letters/replay-reaper';
import { startHeartbeat, workerId } from '@/lib/health/heartbeat';
import { duringOutage } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { pruneMetrics } from '@/lib/metrics/retention';
import { requeueUnfinishedSteps } from '@/lib/privacy/requeue-steps';
import { deliverQueue, everyPartition, privacyQueue, producerConnection } from '@/lib/queue/queues';
import { startHealthChecks } from '@/worker/health-checks';

const log = childLogger('worker');

const PRUNE_EVERY_MS = 10 * 60_000;
const REAP_EVERY_MS = 60_000;
const REQUEUE_EVERY_MS = 10 * 60_000;

/** Starts the upkeep; the returned function stops it. */
export function startMaintenance(config: Env): () => Promise<void> {
  // Every worker prunes; the deletes are idempotent, so several workers do no harm.
  const prune = () =>
    void pruneMetrics({ minuteHours: config.METRICS_MINUTE_RETENTION_HOURS, days: config.METRICS_RETENTION_DAYS }).catch((err: Error) =>
      log.warn({ err: err.message }, 'metrics retention failed; will retry'),
    );
  // Letters whose replay job is gone go back to failed (lib/dead-letters/replay-reaper).
  // A replay job is in the deliver queue of its letters' partition: looked for in each.
  const replayJobs = { getJob: async (id: string) => (await Promise.all(everyPartition(deliverQueue).map((q) => q.getJob(id)))).find(Boolean) };
  const reap = () => void reapLostReplays(replayJobs).catch((err: Error) => log.warn({ err: err.message }, 'replay reaper failed; will retry'));
  // Deletion steps whose queue job was lost are queued again (lib/privacy/requeue-steps).
  const requeue = () => void requeueUnfinishedSteps(privacyQueue()).catch((err: Error) => log.warn({ err: err.message }, 'deletion steps not re-queued; will retry'));
  const consumes = config.WORKER_PARTITIONS.length === config.QUEUE_PARTITIONS ? 'all' : config.WORKER_PARTITIONS;
  const stopHeartbeat = startHeartbeat(producerConnection(), config.QUEUE_PREFIX, workerId(consumes), (err) => duringOutage(err) || log.warn({ err: err.message }, 'heartbeat failed'));
  const stopHealthChecks = startHealthChecks(config);
  const timers = [setInterval(prune, PRUNE_EVERY_MS), setInterval(reap, REAP_EVERY_MS), setInterval(requeue, REQUEUE_EVERY_MS)];
  for (const t of timers) t.unref();
  requeue();
  prune();
  return async () => {
    for (const t of timers) clearInterval(t);
    await stopHeartbeat();
    await stopHealthChecks();
  };
}
