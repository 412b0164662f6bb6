/**
 * The worker's history imports (lib/import): a queue worker of its own, so a long import never
 * occupies a slot of fan-out or delivery, with the import's Braze requests sent through the same
 * rate limiter and metrics as delivery. On shutdown a run stops after its request in flight and
 * goes back to the queue, to continue in the next worker where it stopped.
 */
import { Worker } from 'bullmq';
import type { RedisClient } from '@/lib/queue/connection';
import type { Env } from '@/lib/env';
import { isConnectionError } from '@/lib/health/outage-log';
import { ImportRateShare } from '@/lib/import/rate-share';
import { createImportSender } from '@/lib/import/import-sender';
import { childLogger } from '@/lib/log/logger';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';
import { createRedisConnection } from '@/lib/queue/connection';
import { QUEUE_NAMES } from '@/lib/queue/contracts';
import { queuePartitions } from '@/lib/queue/queues';
import { loadSecrets } from '@/lib/secrets';
import { loadRuntimeSync } from '@/lib/syncs/runtime';
import { createImportProcessor } from '@/worker/processors/import';

const log = childLogger('import');

/** Imports one worker runs at once; each sends one request at a time. */
const IMPORT_CONCURRENCY = 4;

export interface ImportWorkerDeps {
  config: Env;
  redis: RedisClient;
  metrics: MetricsRecorder;
  limiter: WorkspaceRateLimiter;
  deliveryLog: (syncId: string, entry: DeliveryLogEntry) => Promise<void>;
  workerOptions: { prefix: string; lockDuration: number; stalledInterval: number; maxStalledCount: number };
  /** Lost Redis connections are said by the worker's outage log, once per 10 s, not once per attempt. */
  onConnectionError: (err: Error) => void;
}

export function startImportWorker(deps: ImportWorkerDeps): { close: () => Promise<void> } {
  const { config } = deps;
  const secrets = loadSecrets(config);
  let stopping = false;
  const worker = new Worker(
    QUEUE_NAMES.import,
    createImportProcessor({
      redis: deps.redis,
      prefix: config.QUEUE_PREFIX,
      partitions: queuePartitions(),
      dataDir: config.DATA_DIR,
      customEndpoints: config.AMPLITUDE_CUSTOM_ENDPOINTS,
      encryptionKey: secrets.encryptionKey,
      previousEncryptionKeys: secrets.previousEncryptionKeys,
      loadSync: loadRuntimeSync,
      send: createImportSender({ metrics: deps.metrics, limiter: deps.limiter, share: new ImportRateShare(deps.redis, config.QUEUE_PREFIX), log: deps.deliveryLog }),
      lockMs: config.WORKER_LOCK_MS,
      stopping: () => stopping,
      onLockRenewalError: (err) => log.warn({ err: err.message }, 'import lock not renewed; it expires on its own'),
    }),
    { ...deps.workerOptions, connection: createRedisConnection('worker'), concurrency: IMPORT_CONCURRENCY },
  );
  worker.on('failed', (job, err) => log.warn({ importId: job?.data.importId, attempts: job?.attemptsMade, err: err.message }, 'import attempt failed'));
  worker.on('error', (err) => (isConnectionError(err) ? deps.onConnectionError(err) : log.error({ err: err.message }, 'import worker error')));
  return {
    close: async () => {
      stopping = true;
      await worker.close();
    },
  };
}
