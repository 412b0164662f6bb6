/**
 * Queue contracts: names, job payload schemas and job options, shared by producers and workers.
 *
 * Flow: the ingestion API adds one `ingest` job per accepted request (its valid events). The
 * worker fans each out to one or more `deliver` jobs per Enabled sync, each holding at most one
 * Braze request's worth of objects, so a Braze failure of one sync never delays or re-sends
 * another's, and a retried delivery job re-sends only its own objects.
 */
import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

export const QUEUE_NAMES = {
  ingest: 'ingest',
  deliver: 'deliver',
  /** History imports from Amplitude's Export API (lib/import): one long job per import run. */
  import: 'import',
  /** User deletions (lib/privacy): purge this product's copies, forward /users/delete per sync. */
  privacy: 'privacy',
  /** Forward to Amplitude (lib/forward): one job per accepted request of a project that forwards. */
  forward: 'forward',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/**
 * The key of the lock BullMQ holds (value: the attempt's token) while a worker runs a job, in
 * BullMQ's own layout. Reading it tells an attempt whether it still owns its job
 * (lib/pipeline/state/delivery-markers); lib/pipeline/state/delivery-markers.int.test.ts checks the layout
 * against a real worker.
 */
export function jobLockKey(prefix: string, queue: QueueName, jobId: string): string {
  return `${prefix}:${queue}:${jobId}:lock`;
}

/** Events were validated by the ingestion contract before they were queued. */
export const ingestJobSchema = z.object({
  projectId: z.string().min(1),
  receivedAt: z.number().int().positive(),
  events: z.array(z.record(z.string(), z.unknown())),
});
export type IngestJob = z.infer<typeof ingestJobSchema>;

export const deliverItemSchema = z.object({
  /** Which array of the Braze `/users/track` request this object goes to. */
  kind: z.enum(['events', 'attributes', 'purchases']),
  object: z.record(z.string(), z.unknown()),
  /** When the source event reached the ingestion API (ms), for end-to-end latency. */
  receivedAt: z.number().int(),
  eventType: z.string().optional(),
  userId: z.string().optional(),
  insertId: z.string().optional(),
  /**
   * For event objects of syncs that send users: the user's profile key, so the event waits for
   * that user's attribute update in flight (lib/pipeline/state/user-leases).
   */
  userKey: z.string().optional(),
  /** Set when this object is a replayed dead letter. */
  deadLetterId: z.string().optional(),
  /** For attribute objects: what this sync will have sent once Braze accepts it (attribute cache). */
  remember: z
    .object({ userKey: z.string(), set: z.record(z.string(), z.string()), unset: z.array(z.string()) })
    .optional(),
});
export type DeliverItem = z.infer<typeof deliverItemSchema>;

/**
 * An anonymous device's alias to fold into its user with `/users/identify` before the job's own
 * objects are sent (lib/anonymous). `userKey` is the user's profile key, whose later objects wait.
 */
export const identifyEntrySchema = z.object({
  deviceId: z.string().min(1),
  externalId: z.string().min(1),
  aliasLabel: z.string().min(1),
  userKey: z.string().min(1),
  /** `merge` when the user already holds an alias of this label (another device): see lib/braze/identify. */
  call: z.enum(['identify', 'merge']).default('identify'),
});
export type IdentifyEntry = z.infer<typeof identifyEntrySchema>;

export const deliverJobSchema = z.object({
  syncId: z.string().min(1),
  /** Empty only in a job that carries identifies alone. */
  items: z.array(deliverItemSchema),
  identify: z.array(identifyEntrySchema).optional(),
  /**
   * Set by fan-out on jobs carrying attribute updates: names the job in its users' pending
   * updates (lib/pipeline/state/user-leases), which later events of those users wait for.
   */
  orderId: z.string().optional(),
  /**
   * Set while the job waits for its paused sync (lib/pipeline/deliver/held-jobs), then replaced by
   * `resumedAt` on its first run after: the retry period counts from the later of its creation
   * and its last resume, so a long pause does not leave it expired on its first setback.
   */
  heldAt: z.number().int().optional(),
  resumedAt: z.number().int().optional(),
  /**
   * Set when fan-out already made the job's first attempt inline and handed it on
   * (lib/pipeline/deliver/deliver-inline): every run of the job is then a retry.
   */
  firstAttemptInline: z.literal(true).optional(),
});
export type DeliverJob = z.infer<typeof deliverJobSchema>;

/** When a delivery job's retry period began: its creation, or the end of its sync's last pause. */
export function retryPeriodStart(job: { timestamp: number; data?: Pick<DeliverJob, 'resumedAt'> }): number {
  return Math.max(job.timestamp, job.data?.resumedAt ?? 0);
}

/** Bounded history: completed jobs leave Redis quickly; failures stay a while for inspection. */
const KEEP = {
  removeOnComplete: { count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
} satisfies JobsOptions;

export const ingestJobOptions: JobsOptions = {
  ...KEEP,
  // A completed ingest job is a whole request's events (up to 20 MB) and tells nothing its
  // delivery jobs and metrics do not: kept, a thousand of them could fill Redis on their own.
  removeOnComplete: true,
  attempts: 20,
  backoff: { type: 'exponential', delay: 1_000 },
};

/**
 * Delivery retries are driven by the `braze` backoff strategy (worker/backoff), which honours
 * Braze's rate-limit reset time; expiry is decided by age (DELIVERY_MAX_RETRY_HOURS), so the
 * attempt count only needs to be out of the way.
 */
export const deliverJobOptions: JobsOptions = {
  ...KEEP,
  attempts: 1_000,
  backoff: { type: 'braze' },
};

/** How long the id of a fanned-out delivery job is remembered, so a re-run ingest job adds none twice. */
export const FANOUT_DEDUP_TTL_MS = 15 * 60_000;

export const importJobSchema = z.object({ importId: z.string().min(1) });
export type ImportJob = z.infer<typeof importJobSchema>;

/**
 * An import keeps its progress in Postgres (lib/import), so a failed attempt (Amplitude or Postgres
 * out of reach) resumes where it stopped; after the last attempt the run is marked failed.
 */
/**
 * A request's accepted events to forward to Amplitude, queued in the same Redis transaction as
 * its ingest job (lib/queue/ingest-with-forward), so Braze delivery and forwarding each have
 * their own queue and neither waits for the other.
 */
export const forwardJobSchema = z.object({
  projectId: z.string().min(1),
  receivedAt: z.number().int().positive(),
  /** The Amplitude API the request came in through, and so the one it goes out to. */
  api: z.enum(['httpapi', 'batch', 'identify', 'groupidentify']),
  /** The client's address, sent as `ip` of events that carry none. */
  clientIp: z.string().optional(),
  events: z.array(z.record(z.string(), z.unknown())).min(1),
});
export type ForwardJob = z.infer<typeof forwardJobSchema>;

/**
 * Retries follow the `amplitude` backoff strategy (worker/processors/forward): a throttle's pause,
 * else exponential; expiry is decided by age (DELIVERY_MAX_RETRY_HOURS), so the attempt count
 * only needs to be out of the way. A completed job holds a whole request's events: not kept.
 */
export const forwardJobOptions: JobsOptions = {
  ...KEEP,
  removeOnComplete: true,
  attempts: 100_000,
  backoff: { type: 'amplitude' },
};

export const importJobOptions: JobsOptions = {
  removeOnComplete: { count: 100 },
  removeOnFail: { age: 7 * 24 * 3600, count: 100 },
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
};

/**
 * User deletions (lib/privacy): `purge` removes this product's copies of a request's users,
 * `forward` sends one sync's `/users/delete` calls. Both are safe to run again.
 */
export const privacyJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('purge'), requestId: z.string().min(1) }),
  z.object({ kind: z.literal('forward'), requestId: z.string().min(1), stepId: z.string().min(1) }),
]);
export type PrivacyJob = z.infer<typeof privacyJobSchema>;

/**
 * Retried like delivery (the `braze` backoff honours Braze's reset time) for as long as a
 * delivery is; a deletion that still fails then stays in the failed set and its step says why.
 */
export const privacyJobOptions: JobsOptions = {
  ...KEEP,
  attempts: 1_000,
  backoff: { type: 'braze' },
};
