/**
 * One delivery job: its objects go to Braze (packed with other jobs of the same sync), and the
 * outcome is recorded. The job completes only once Braze accepted its objects or they were
 * permanently failed and kept as dead letters; retryable failures throw, so BullMQ retries it.
 * A job of a paused sync throws `SyncOnHoldError` and waits, queued, until the sync resumes
 * (lib/pipeline/deliver/held-jobs): a pause is a setup problem to fix, not a failure of its events.
 */
import { randomUUID } from 'node:crypto';
import { childLogger } from '@/lib/log/logger';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import { recordDeadLetters, type DeadLetterKind } from '@/lib/dead-letters/record';
import { dataPointsOf } from '@/lib/pipeline/fan-out/data-points';
import type { SentValues } from '@/lib/pipeline/state/attribute-cache';
import type { DeliveryBatcher } from '@/lib/pipeline/deliver/delivery-batcher';
import { pruneSupersededAttributes } from '@/lib/pipeline/deliver/superseded-attributes';
import type { DeliveryMarkers, LockHolder } from '@/lib/pipeline/state/delivery-markers';
import { heldBackFailures, type GuardItems } from '@/lib/pipeline/guard/guard-items';
import { SyncOnHoldError } from '@/lib/pipeline/deliver/held-jobs';
import type { IdentifyAliases } from '@/lib/anonymous/identify-aliases';
import { identifyUserKeysOf, pendingUserKeysOf } from '@/lib/anonymous/schedule-identifies';
import { RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';
import { acquireWithPatience, LEASE_WAIT_REASON, type LeaseRequest, type UserLeases } from '@/lib/pipeline/state/user-leases';
import { keepClaimedReplays, recordReplayDeliveries, recordReplayFailures, recordReplaySupersessions } from '@/lib/dead-letters/replay';
import { QUEUE_NAMES, type DeliverItem, type DeliverJob } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface DeliverJobContext {
  /** BullMQ job id (or, for an inline first attempt, the id fan-out derived for the job). */
  jobId?: string;
  /**
   * Names the job's delivery marker when not `jobId`: a fanned-out job's derived id (its BullMQ
   * de-duplication id), which its inline first attempt claimed under the same name.
   */
  markerId?: string;
  /** This attempt's BullMQ lock token: only the attempt holding the job's lock may send it. */
  lockToken?: string;
  /**
   * Whose lock `lockToken` is, when not the delivery job's own: an inline first attempt holds
   * its ingest job's lock (lib/pipeline/deliver/deliver-inline).
   */
  lockHolder?: LockHolder;
  data: DeliverJob;
  attemptsMade: number;
  /** When the job was first created (ms). */
  createdAt: number;
}

export interface DeliverDeps {
  batcher: DeliveryBatcher;
  metrics: MetricsRecorder;
  loadSync: (id: string) => Promise<RuntimeSync | null>;
  /** Pauses the sync, if its settings are still those saved at `savedAt` (ms). */
  pauseSync: (id: string, reason: string, cause: 'BRAZE' | 'CONFIGURATION', savedAt: number) => Promise<void>;
  /** What this sync last sent per user (the per-sync attribute cache). */
  loadSent: (syncId: string, userKeys: string[]) => Promise<SentValues>;
  /** Records attribute values Braze accepted (the per-sync attribute cache). */
  rememberSent: (syncId: string, updates: NonNullable<DeliverItem['remember']>[]) => Promise<void>;
  maxAgeMs: number;
  /** Merges anonymous devices' aliases into their users before a job's objects (lib/anonymous). */
  identifyAliases: IdentifyAliases;
  /** Which jobs Braze already accepted, so a job run again after a crash is not sent twice. */
  markers: Pick<DeliveryMarkers, 'claim' | 'markAccepted' | 'clear'>;
  /** The attribute type guard (lib/pipeline/guard): what of the job's attributes Braze may receive. */
  guard: GuardItems;
  /** Per-user send order across jobs in flight (syncs that send users). */
  leases: Pick<UserLeases, 'tryAcquire' | 'extend' | 'release' | 'clearPending' | 'leaseMs'>;
  /** How long a job waits for a user's lease before it is retried later. */
  leaseWaitMs: number;
  now: () => number;
}

const log = childLogger('delivery');

/** This attempt outlived its lock and BullMQ gave the job to another run, which sends it. */
export class AttemptLostError extends Error {
  constructor(jobId: string) {
    super(`delivery job ${jobId} is run by another attempt`);
    this.name = 'AttemptLostError';
  }
}
const LEASE_RETRY_DELAY_MS = 1_000;
/** How long events wait for earlier attribute updates of their users before going anyway. */
const ORDER_WAIT_LIMIT_MS = 10 * 60_000;

/** Statuses that mean the credentials or endpoint are wrong: pause and hold instead of failing the events. */
const PAUSING_STATUSES = new Set([401, 403, 404]);

export async function deliverJob(ctx: DeliverJobContext, deps: DeliverDeps): Promise<void> {
  await runJob(ctx, deps);
  // Finished, whatever became of it (a retry throws above): its users' later events go on.
  const { orderId, syncId, items } = ctx.data;
  if (orderId) {
    await deps.leases.clearPending(syncId, [...pendingUserKeysOf(items), ...identifyUserKeysOf(ctx.data).users], orderId);
  }
}

async function runJob(ctx: DeliverJobContext, deps: DeliverDeps): Promise<void> {
  const now = deps.now;
  const { syncId, items } = ctx.data;
  const sync = await deps.loadSync(syncId);
  if (!sync) return; // The sync was deleted, and its history with it.
  if (!sync.enabled) {
    // A disabled sync sends nothing, including what was queued before it was disabled.
    const replayed = items.filter((i) => i.deadLetterId);
    deps.metrics.add(syncId, { filtered: items.length - replayed.length });
    await recordReplayFailures(replayed.map((i) => ({ id: i.deadLetterId!, reason: 'Not sent: the sync is disabled', status: null })));
    return;
  }
  if (sync.pausedReason) throw new SyncOnHoldError(syncId, sync.pausedReason);
  if (sync.configurationProblem) {
    // Nothing can be sent from here, and Braze is not to blame: no request, no refusal counted.
    await deps.pauseSync(syncId, sync.configurationProblem, 'CONFIGURATION', sync.savedAt);
    throw new SyncOnHoldError(syncId, sync.configurationProblem);
  }
  if (ctx.attemptsMade > 0 && now() - ctx.createdAt >= deps.maxAgeMs) {
    return failItems(deps, syncId, 'expired', null, items, 'Not accepted by Braze within the retry period', 'expired');
  }

  // Events wait for earlier attribute updates of their users still queued or retrying, up to a
  // limit: past it they are sent anyway, so a user's stuck update cannot hold back the rest.
  const waitsForOrder = now() - ctx.createdAt < ORDER_WAIT_LIMIT_MS;
  if (!waitsForOrder) log.warn({ syncId, jobId: ctx.jobId }, 'sending events without waiting for earlier attribute updates of their users any longer');
  const order = waitsForOrder ? { receivedAt: items.length > 0 ? Math.min(...items.map((i) => i.receivedAt)) : ctx.createdAt, orderId: ctx.data.orderId } : undefined;
  const ordered = sync.sendUsers || sync.sendAnonymousUsers;
  const lease = ordered ? leaseRequestOf(syncId, ctx.data, ctx.lockToken ?? ctx.jobId ?? randomUUID(), order) : null;
  if (lease) {
    if (!(await acquireWithPatience(deps.leases, lease, deps.leaseWaitMs))) {
      throw new RetryableDeliveryError(LEASE_WAIT_REASON, null, now() + LEASE_RETRY_DELAY_MS);
    }
  }
  const held = lease && lease.take.length > 0 ? { leases: deps.leases, take: lease.take, owner: lease.owner } : null;
  // Renewed at a third of its life, as BullMQ renews job locks, so a send that waits on Braze's
  // rate limit or a slow answer keeps the user's lease for as long as it runs.
  const renewal = held
    ? setInterval(() => {
        held.leases.extend(syncId, held.take, held.owner).then(
          (n) => n < new Set(held.take).size && log.warn({ syncId, jobId: ctx.jobId }, 'a user lease expired while its job was sending'),
          (err: Error) => log.warn({ syncId, jobId: ctx.jobId, err: err.message }, 'user lease not renewed'),
        );
      }, Math.max(50, Math.floor(held.leases.leaseMs / 3)))
    : undefined;
  try {
    if (ctx.data.identify?.length) await identifyFirst(deps, sync, ctx.data.identify);
    await sendJob(ctx, deps, sync, items);
  } finally {
    clearInterval(renewal);
    if (held) {
      // A lease that cannot be released expires with the job lock; the job's outcome stands.
      await held.leases.release(syncId, held.take, held.owner).catch((err: Error) =>
        log.warn({ syncId, jobId: ctx.jobId, err: err.message }, 'user lease not released; it expires on its own'),
      );
    }
  }
}

/** Users whose attributes the job sends (their leases are taken) and users whose events it sends. */
export function leaseRequestOf(syncId: string, job: DeliverJob, owner: string, order: LeaseRequest['order']): LeaseRequest | null {
  const { items } = job;
  // A job that identifies anonymous devices waits for earlier updates of their users and devices.
  const identified = identifyUserKeysOf(job);
  const take = items.flatMap((i) => (i.remember ? [i.remember.userKey] : []));
  // Events and purchases alike wait for their user's earlier attribute updates.
  const free = [...items.flatMap((i) => (i.kind !== 'attributes' && i.userKey ? [i.userKey] : [])), ...identified.users, ...identified.devices];
  return take.length + free.length > 0 ? { syncId, take, free, owner, order } : null;
}

/**
 * Anonymous devices' aliases go to their users first (lib/anonymous/identify-aliases). A refusal
 * that means wrong credentials pauses the sync like a refused `/users/track`; any other refusal
 * is logged there and the job's objects still go.
 */
async function identifyFirst(deps: DeliverDeps, sync: RuntimeSync, entries: NonNullable<DeliverJob['identify']>): Promise<void> {
  const refusal = await deps.identifyAliases(sync, entries);
  if (refusal?.status != null && PAUSING_STATUSES.has(refusal.status)) {
    await deps.pauseSync(sync.id, refusal.reason, 'BRAZE', sync.savedAt);
    throw new SyncOnHoldError(sync.id, refusal.reason);
  }
}

async function sendJob(ctx: DeliverJobContext, deps: DeliverDeps, sync: RuntimeSync, jobItems: DeliverItem[]): Promise<void> {
  const now = deps.now;
  const syncId = sync.id;
  // A replay job sends only the letters it still holds (lib/dead-letters/replay).
  let items = await keepClaimedReplays(ctx.jobId, jobItems);
  if (items.length === 0) return;
  const userKeys = items.flatMap((i) => (i.remember ? [i.remember.userKey] : []));
  if (userKeys.length > 0) {
    const pruned = pruneSupersededAttributes(items, await deps.loadSent(syncId, userKeys));
    const superseded = await recordReplaySupersessions(items, pruned.items);
    if (pruned.superseded + superseded > 0) deps.metrics.add(syncId, { dataPointsSaved: pruned.superseded, superseded });
    items = pruned.items;
    if (items.length === 0) return;
  }

  const markerId = ctx.markerId ?? ctx.jobId;
  const holder = ctx.lockHolder ?? (ctx.jobId ? { queue: QUEUE_NAMES.deliver, jobId: ctx.jobId } : undefined);
  const marker = markerId ? await deps.markers.claim(markerId, ctx.lockToken, holder) : null;
  // Braze accepted this job before its worker died: sending it again would duplicate it.
  if (marker === 'accepted') return recordReplayDeliveries(items.flatMap((i) => (i.deadLetterId ? [i.deadLetterId] : [])));
  // This attempt outlived its lock and BullMQ gave the job to another: that one sends it.
  if (marker === 'lost') throw new AttemptLostError(markerId!);

  // Guarded on every attempt (the workspace's attributes may have changed); the attributes it
  // holds back are recorded with the job's final outcome, once.
  const guarded = await deps.guard(sync, items);
  const heldBack = heldBackFailures(guarded.heldBack);
  items = guarded.items;
  if (items.length === 0) {
    if (markerId) await deps.markers.clear(markerId, ctx.lockToken);
    return recordFailures(deps, syncId, 'invalid', null, heldBack, 'notDelivered');
  }
  const outcome = await deps.batcher.submit(sync, items);
  const mayHaveLanded = outcome.kind === 'accepted' || (outcome.kind === 'retryable' && outcome.maybeProcessed);
  if (marker === 'pending' && mayHaveLanded) {
    // An earlier attempt's outcome is unknown, and this one may have reached Braze too (accepted,
    // or itself timed out): Braze may now have these objects once more. Written at once, before
    // the job is marked accepted, so a worker killed now leaves the job to be re-sent and counted
    // again rather than a duplicate that was never counted.
    deps.metrics.add(syncId, { possibleDuplicates: items.length });
    await deps.metrics.flush();
  }
  if (outcome.kind === 'retryable') {
    if (markerId && !outcome.maybeProcessed && marker === null) await deps.markers.clear(markerId, ctx.lockToken);
    deps.metrics.add(syncId, { retried: items.length });
    throw new RetryableDeliveryError(outcome.reason, outcome.status, outcome.retryAt ?? undefined);
  }
  if (outcome.kind === 'permanent') {
    if (markerId) await deps.markers.clear(markerId, ctx.lockToken);
    if (outcome.status !== null && PAUSING_STATUSES.has(outcome.status)) {
      await deps.pauseSync(syncId, outcome.reason, 'BRAZE', sync.savedAt);
      throw new SyncOnHoldError(syncId, outcome.reason);
    }
    const own = new Map(outcome.failed.map((f) => [f.item, f.reason]));
    const failures = items.map((item) => ({ item, reason: own.has(item) ? `${outcome.reason}: ${own.get(item)}` : outcome.reason }));
    await recordFailures(deps, syncId, 'invalid', null, heldBack, 'notDelivered');
    return recordFailures(deps, syncId, 'rejected', outcome.status, failures, 'notDelivered');
  }

  const failedSet = new Set(outcome.failed.map((f) => f.item));
  const delivered = items.filter((i) => !failedSet.has(i));
  const at = now();
  // Replayed dead letters were counted as not delivered when they failed: now they are recovered.
  const recovered = delivered.flatMap((i) => (i.deadLetterId ? [i.deadLetterId] : []));
  deps.metrics.add(syncId, {
    delivered: delivered.length,
    [ctx.attemptsMade === 0 ? 'deliveredFirstAttempt' : 'deliveredAfterRetry']: delivered.length - recovered.length,
    recovered: recovered.length,
    dataPointsSent: delivered.reduce((n, i) => n + dataPointsOf(i), 0),
  });
  deps.metrics.addLatencies(syncId, delivered.map((i) => at - i.receivedAt));
  await recordFailures(deps, syncId, 'minor_error', 201, outcome.failed, 'notDelivered');
  await recordFailures(deps, syncId, 'invalid', null, heldBack, 'notDelivered');
  // The counts and dead letters are in Postgres before the job is marked accepted (the jobs
  // finishing at one moment share one write): a worker killed before the mark leaves the job to
  // be sent again and counted as a possible duplicate, never an acceptance or a refusal that
  // was not counted; after it, the mark keeps a re-run from counting it twice.
  await deps.metrics.flush();
  if (markerId) await deps.markers.markAccepted(markerId);
  const remembered = delivered.flatMap((i) => (i.remember ? [i.remember] : []));
  if (remembered.length > 0) await deps.rememberSent(syncId, remembered);
  await recordReplayDeliveries(recovered);
}

/**
 * Objects that failed: new ones become dead letters and are counted; replayed dead letters keep
 * their letter, which records the new reason, and are not counted again (one event, one failure).
 */
async function recordFailures(
  deps: DeliverDeps,
  syncId: string,
  kind: DeadLetterKind,
  status: number | null,
  failures: { item: DeliverItem; reason: string }[],
  counter: 'notDelivered' | 'expired',
): Promise<void> {
  const fresh = failures.filter((f) => !f.item.deadLetterId);
  await recordDeadLetters(syncId, kind, status, fresh.map((f) => entryOf(f.item, f.reason)));
  if (fresh.length > 0) deps.metrics.add(syncId, { [counter]: fresh.length });
  await recordReplayFailures(failures.flatMap((f) => (f.item.deadLetterId ? [{ id: f.item.deadLetterId, reason: f.reason, status, kind }] : [])));
}

async function failItems(
  deps: DeliverDeps,
  syncId: string,
  kind: DeadLetterKind,
  status: number | null,
  items: DeliverItem[],
  reason: string,
  counter: 'notDelivered' | 'expired',
): Promise<void> {
  await recordFailures(deps, syncId, kind, status, items.map((item) => ({ item, reason })), counter);
}

function entryOf(item: DeliverItem, reason: string) {
  return { event: item.object, reason, eventType: item.eventType, userId: item.userId, remember: item.remember };
}
