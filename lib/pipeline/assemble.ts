/**
 * The one place that wires the pipeline. Fan-out and delivery take every dependency they rely
 * on as a required member, so a caller cannot leave one out and silently lose a guarantee (no
 * delivery markers: no duplicate protection; no user leases: no per-user order). The worker
 * and the benchmark's naive worker both build their pipeline here, from the parsed config.
 *
 * Per-user state lives in the user's partition (lib/queue/partitions): each partition gets its
 * own fan-out and delivery dependencies, whose Redis keys carry that partition's prefix, so
 * every multi-key operation of a job stays in one Redis Cluster slot. What is not per user is
 * shared: the batcher (it packs jobs of every partition of a sync together), metrics, the
 * per-workspace rate limiters and the delivery log.
 */
import type { AmplitudeEvent } from '@/lib/amplitude';
import { findUnidentified, markIdentified, anonymousDeviceStore } from '@/lib/anonymous/device-links';
import { createIdentifyAliases } from '@/lib/anonymous/identify-aliases';
import { createAliasSender } from '@/lib/anonymous/identify-sender';
import { CatalogRecorder } from '@/lib/catalog/recorder';
import { createDryRunRecorder } from '@/lib/dry-run/recorder';
import type { Env } from '@/lib/env';
import { brazeFetch } from '@/lib/braze/transport';
import { applyGroupIdentifies } from '@/lib/groups/group-profile-store';
import { dropDuplicates } from '@/lib/ingest/dedup';
import { childLogger } from '@/lib/log/logger';
import { MetricsRecorder } from '@/lib/metrics/recorder';
import { loadSentValues, rememberSentValues } from '@/lib/pipeline/state/attribute-cache';
import type { DeliverDeps } from '@/lib/pipeline/deliver/deliver-job';
import { createInlineDelivery, type NewDeliverJob } from '@/lib/pipeline/deliver/deliver-inline';
import { DeliveryBatcher } from '@/lib/pipeline/deliver/delivery-batcher';
import { DeliveryLogWriter, type DeliveryLogEntry } from '@/lib/pipeline/deliver/delivery-log';
import { DeliveryMarkers } from '@/lib/pipeline/state/delivery-markers';
import type { FanOutDeps } from '@/lib/pipeline/fan-out/fanout';
import { createAttributeGuard } from '@/lib/pipeline/guard/guard-items';
import { WorkspaceSchemas } from '@/lib/pipeline/guard/workspace-schema';
import { HeldJobs } from '@/lib/pipeline/deliver/held-jobs';
import { promoteDelayed } from '@/lib/pipeline/deliver/promote-delayed';
import { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';
import { RetryWake } from '@/lib/pipeline/deliver/retry-wake';
import { createBrazeSender } from '@/lib/pipeline/deliver/send-track';
import { UserLeases } from '@/lib/pipeline/state/user-leases';
import { RefusedUsers } from '@/lib/privacy/refused-users';
import type { StepDeps } from '@/lib/privacy/run-step';
import type { Partitions } from '@/lib/queue/partitions';
import { deliverQueue, queuePartitions, stateConnection } from '@/lib/queue/queues';
import { pauseSync } from '@/lib/syncs/pauses';
import { switchToStricterObjectLimit } from '@/lib/syncs/object-limit-switch';
import { loadActiveSyncs, loadRuntimeSync } from '@/lib/syncs/runtime';
import { applyUserModel } from '@/lib/users/profile-store';

const log = childLogger('pipeline');

/** How long a delivery job waits for a user's lease before it is retried later. */
const LEASE_WAIT_MS = 10_000;

/** One partition's part of the pipeline: its state keys carry the partition's prefix. */
export interface PartitionPipeline {
  partition: number;
  /** The partition's key prefix (lib/queue/partitions). */
  prefix: string;
  leases: UserLeases;
  /** What each ingest job needs to become delivery jobs (lib/pipeline/fan-out/fanout). */
  fanOut: FanOutDeps;
  /** What each delivery job needs to reach Braze (lib/pipeline/deliver/deliver-job). */
  deliver: DeliverDeps;
  /** Delivery jobs of paused syncs, waiting in this partition's deliver queue. */
  held: HeldJobs;
  /** Jobs of this partition waiting out a Braze backoff. */
  wake: RetryWake;
}

export interface Pipeline {
  partitions: Partitions;
  /** Partition `p`'s fan-out and delivery. */
  partition: (p: number) => PartitionPipeline;
  /** User deletions' steps (lib/privacy/run-step). */
  privacy: StepDeps;
  /** One `/users/track` request, paced by the workspace's rate limit and logged. */
  send: ReturnType<typeof createBrazeSender>;
  batcher: DeliveryBatcher;
  metrics: MetricsRecorder;
  /** The `/users/track` rate limit shared by delivery and imports, one window per workspace. */
  limiter: WorkspaceRateLimiter;
  /** Users deleted within their grace period: left out of fan-out and delivery (lib/privacy). */
  refused: RefusedUsers;
  appendDeliveryLog: (syncId: string, entry: DeliveryLogEntry) => Promise<void>;
  /**
   * Sends what is lingering in the batcher; call once the queue workers stopped taking jobs,
   * before waiting for the jobs in progress.
   */
  drain: () => Promise<void>;
  /** Writes what is buffered (delivery log, metrics, catalog) and stops the background timers. */
  close: () => Promise<void>;
}

/** The retry period of a delivery job, from the config. */
export function maxRetryAgeMs(config: Pick<Env, 'DELIVERY_MAX_RETRY_HOURS'>): number {
  return config.DELIVERY_MAX_RETRY_HOURS * 3600_000;
}

/** Builds the pipeline from the parsed config. */
export async function assemblePipeline(config: Env): Promise<Pipeline> {
  const redis = stateConnection();
  const partitions = queuePartitions();
  // Not per user: one rate window per workspace, one delivery log per sync, whatever the partition.
  const prefix = config.QUEUE_PREFIX;
  const maxAgeMs = maxRetryAgeMs(config);
  const metrics = new MetricsRecorder();
  metrics.start();
  const catalog = new CatalogRecorder();
  catalog.start();
  const refused = new RefusedUsers();
  await refused.start();
  const limiter = new WorkspaceRateLimiter(redis, prefix);
  // /users/delete, /users/identify and /users/merge share one window per workspace (braze-api.md §4.3).
  const usersLimiter = new WorkspaceRateLimiter(redis, prefix, 'users-management');
  const deliveryLog = new DeliveryLogWriter(redis, prefix, (err) => log.warn({ err: err.message }, 'delivery log entries not recorded'));
  const appendDeliveryLog = async (syncId: string, entry: DeliveryLogEntry) => deliveryLog.append(syncId, entry);
  // Filled below: Braze accepting a sync's request wakes that sync's retrying jobs of every partition.
  const wakes: RetryWake[] = [];
  const send = createBrazeSender(metrics, { limiter, log: appendDeliveryLog, onAccepted: (syncId) => wakes.forEach((wake) => wake.accepted(syncId)) });
  const batcher = new DeliveryBatcher({ lingerMs: config.DELIVERY_LINGER_MS, send, onTooManyObjects: switchToStricterObjectLimit });
  const pendingTtlMs = maxAgeMs + 3_600_000;
  // A dry run's sample is taken at most once a second per sync and process, whatever the partition.
  const dryRunSamples = new Map<string, number>();
  const identifyAliases = createIdentifyAliases({
    send: createAliasSender({ limiter: usersLimiter, log: appendDeliveryLog }),
    metrics,
    findUnidentified,
    markIdentified,
  });
  const guard = createAttributeGuard(
    new WorkspaceSchemas({ fetch: brazeFetch, timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS, allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS }),
    { rememberFirstTypes: true },
  );

  const buildPartition = (partition: number): PartitionPipeline => {
    const statePrefix = partitions.prefixOf(partition);
    const leases = new UserLeases(redis, statePrefix, config.WORKER_LOCK_MS);
    // Kept as long as a job may be retried, and an hour more; in the slot of the job's lock.
    const markers = new DeliveryMarkers(redis, statePrefix, Math.ceil(maxAgeMs / 1000) + 3_600);
    const loadSent = (syncId: string, userKeys: string[]) => loadSentValues(redis, statePrefix, syncId, userKeys);
    const promote = (jobId: string) => promoteDelayed(jobId, partition);
    const wake = new RetryWake({
      list: new HeldJobs(redis, statePrefix, 'retrying'),
      promote,
      onWoken: (syncId, count) => log.info({ syncId, partition, count }, 'Braze accepts again: jobs waiting out a backoff go now'),
      onError: (err) => log.warn({ err: err.message, partition }, 'jobs waiting out a backoff not woken; they go at the end of it'),
    });
    const held = new HeldJobs(redis, statePrefix);
    // Every user of an ingest job is in its partition, and so is every delivery job it makes.
    const addDeliverJobs = (jobs: NewDeliverJob[]) => deliverQueue(partition).addBulk(jobs);
    const fanOut: FanOutDeps = {
      loadSyncs: loadActiveSyncs,
      addDeliverJobs,
      // First attempts through this partition's delivery deps, built below.
      deliverInline: (run, jobs) => deliverInline(run, jobs),
      metrics,
      catalog,
      dropDuplicates: (projectId, claimant, events: AmplitudeEvent[]) =>
        dropDuplicates(redis, { prefix: statePrefix, projectId, claimant, windowMs: config.INGEST_DEDUP_WINDOW_SECONDS * 1000 }, events),
      applyGroups: applyGroupIdentifies,
      applyProfiles: applyUserModel,
      loadSent,
      markPending: (syncId, entries) => leases.markPending(syncId, entries, pendingTtlMs),
      anonymousDevices: anonymousDeviceStore,
      dryRun: createDryRunRecorder(redis, statePrefix, dryRunSamples),
    };
    const deliver: DeliverDeps = {
      batcher,
      metrics,
      loadSync: loadRuntimeSync,
      pauseSync,
      loadSent,
      rememberSent: (syncId, updates) => rememberSentValues(redis, statePrefix, syncId, updates),
      maxAgeMs,
      identifyAliases,
      markers,
      guard,
      leases,
      leaseWaitMs: LEASE_WAIT_MS,
      now: Date.now,
    };
    const deliverInline = createInlineDelivery({
      deliver,
      addDeliverJobs,
      listRetrying: (syncId, jobId) => wake.add(syncId, jobId),
      listHeld: (syncId, jobId) => held.add(syncId, jobId),
    });
    return { partition, prefix: statePrefix, leases, fanOut, deliver, held, wake };
  };
  const byPartition = partitions.all.map(buildPartition);
  wakes.push(...byPartition.map((p) => p.wake));
  const partition = (p: number): PartitionPipeline => {
    const found = byPartition[p];
    if (!found) throw new Error(`no partition ${p}: there are ${partitions.count}`);
    return found;
  };
  // A deleted user's state is in that user's partition.
  const userState = (projectId: string, userKey: string) => partition(partitions.ofKey(projectId, userKey));
  const privacy: StepDeps = { redis, prefix, userState, refused, loadSync: loadRuntimeSync, maxAgeMs, limiter: usersLimiter, log: appendDeliveryLog };

  return {
    partitions,
    partition,
    privacy,
    send,
    batcher,
    metrics,
    limiter,
    refused,
    appendDeliveryLog,
    drain: () => batcher.drain(),
    close: async () => {
      refused.stop();
      await Promise.all(wakes.map((wake) => wake.stop()));
      await deliveryLog.flush();
      await Promise.all([metrics.stop(), catalog.stop()]);
    },
  };
}
