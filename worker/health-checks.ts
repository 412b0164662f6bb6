/**
 * Sync health in the worker: the evaluator (one worker at a time, by lease) judges every sync
 * each HEALTH_CHECK_INTERVAL_MS, and the announcer alerts on changes.
 */
import os from 'node:os';
import { createHealthAnnouncer } from '@/lib/alerts/announce';
import type { Env } from '@/lib/env';
import { startHealthEvaluator } from '@/lib/health-states/evaluator';
import { duringOutage } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { producerConnection } from '@/lib/queue/queues';

const log = childLogger('health');

export function startHealthChecks(config: Env): () => Promise<void> {
  return startHealthEvaluator({
    redis: producerConnection(),
    prefix: config.QUEUE_PREFIX,
    owner: `${os.hostname()}:${process.pid}`,
    intervalMs: config.HEALTH_CHECK_INTERVAL_MS,
    windowMs: config.HEALTH_FAILURE_WINDOW_SECONDS * 1000,
    recentWindowMs: config.HEALTH_RECENT_WINDOW_SECONDS * 1000,
    afterCheck: createHealthAnnouncer({
      recoveryHoldMs: config.ALERT_RECOVERY_HOLD_SECONDS * 1000,
      repeatMs: config.ALERT_REPEAT_MINUTES * 60_000,
      allowHttpHosts: config.ALERT_WEBHOOK_ALLOW_HTTP,
      publicUrl: config.PUBLIC_URL,
      log,
    }),
    onError: (err) => duringOutage(err) || log.warn({ err: err.message }, 'health check failed; will retry'),
  });
}
