/**
 * Fan-out: one ingested request becomes delivery jobs per Enabled sync of its project. Before
 * that, duplicates (by insert_id) are dropped, the catalog counts what was seen, and user
 * properties are applied to the user model, whose changes feed user forwarding and whose views
 * (each event's user properties) feed the identifier mapping, filters and selected properties.
 * Each delivery job holds at most one Braze request's worth of objects, and its id is derived
 * from the ingest job, so an ingest job that runs twice (after a crash) adds no job twice.
 * Jobs of syncs that send events only get their first attempt inline, in this ingest job
 * (lib/pipeline/deliver/deliver-inline); only what that attempt does not finish is queued.
 */
import type { AmplitudeEvent } from '@/lib/amplitude';
import { chunkTrackObjects, type TrackBatch, type TrackItem } from '@/lib/braze';
import type { CatalogRecorder } from '@/lib/catalog/recorder';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { SentValues } from '@/lib/pipeline/state/attribute-cache';
import { type BuiltItems, buildItemsForSync, readsUserProperties } from '@/lib/pipeline/fan-out/build-items';
import { recordDeadLetters } from '@/lib/dead-letters/record';
import { pendingUserKeysOf, scheduleIdentifies, type AnonymousDeviceStore } from '@/lib/anonymous/schedule-identifies';
import type { DeliverInline, IngestRun, NewDeliverJob } from '@/lib/pipeline/deliver/deliver-inline';
import { objectBytesOf } from '@/lib/pipeline/deliver/object-bytes';
import { type DeliverItem, type IngestJob, FANOUT_DEDUP_TTL_MS } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import { userKeyOf, type ProfileSource, type UserModel } from '@/lib/users/profile-store';

type NewJob = NewDeliverJob;

export interface FanOutDeps {
  loadSyncs: (projectId: string) => Promise<RuntimeSync[]>;
  addDeliverJobs: (jobs: NewJob[]) => Promise<unknown>;
  /** First attempts of jobs that need no per-user order, made in the ingest job; the rest is queued. */
  deliverInline: DeliverInline;
  metrics: MetricsRecorder;
  catalog: Pick<CatalogRecorder, 'record'>;
  dropDuplicates: (projectId: string, claimant: string, events: AmplitudeEvent[]) => Promise<{ kept: AmplitudeEvent[] }>;
  /** Applies the job's `$groupidentify` events to the group profiles (lib/groups/group-profile-store). */
  applyGroups: (projectId: string, events: readonly AmplitudeEvent[]) => Promise<void>;
  /** The user model of a job's events (lib/users/profile-store): a read by key, and a write only of the rows that changed. */
  applyProfiles: (projectId: string, events: readonly ProfileSource[], options: { views: boolean }) => Promise<UserModel>;
  loadSent: (syncId: string, userKeys: string[]) => Promise<SentValues>;
  /** Registers a job's attribute updates so its users' later events wait for it (user-leases). */
  markPending: (syncId: string, entries: { userKey: string; orderId: string; receivedAt: number }[]) => Promise<void>;
  /** Devices sent anonymously and their identifies (lib/anonymous); needed by syncs that send anonymous users. */
  anonymousDevices: AnonymousDeviceStore;
  /** Dry-run syncs (lib/dry-run): measured, never queued. */
  dryRun: DryRunDeps;
}

/** The requests a dry-run sync would have sent for one ingest job, and what they leave out. */
export type DryRunRequests = { built: BuiltItems; requests: TrackBatch<PackedItem>[] };

/** An object bound for a request, with the delivery item it came from. */
export type PackedItem = TrackItem & { ref: DeliverItem };

export interface DryRunDeps {
  /** What the dry run counts as already sent per user (it never writes the live cache). */
  loadSent: (sync: RuntimeSync, userKeys: string[]) => Promise<SentValues>;
  /** Records the measured requests, once the ingest job's real work is queued. */
  record: (sync: RuntimeSync, measured: DryRunRequests) => Promise<void>;
}

export async function fanOutIngestJob(run: IngestRun, job: IngestJob, deps: FanOutDeps): Promise<number> {
  const jobId = run.ingestJobId;
  const all = job.events as AmplitudeEvent[];
  const events = (await deps.dropDuplicates(job.projectId, jobId, all)).kept;
  const syncs = await deps.loadSyncs(job.projectId);
  await deps.applyGroups(job.projectId, events);
  // Every event's user is read only when a sync reads user properties of events.
  const views = syncs.some(readsUserProperties);
  const users = await deps.applyProfiles(job.projectId, events, { views });

  const jobs: NewJob[] = [];
  const inline: NewJob[] = [];
  const counts: { sync: RuntimeSync; filtered: number; skipped: number; invalid: number; saved: number }[] = [];
  const changedUsers = [...users.changes.keys()].map((i) => userKeyOf(events[i]!)).filter((k): k is string => k !== null);
  const measured: { sync: RuntimeSync; dryRun: DryRunDeps; requests: DryRunRequests }[] = [];
  for (const sync of syncs) {
    const dryRun = sync.dryRun ? deps.dryRun : undefined;
    const sent = sync.sendUsers && changedUsers.length > 0 ? await loadSentOf(sync, changedUsers, deps) : new Map();
    const built = buildItemsForSync(sync, events, job.receivedAt, users, sent);
    if (dryRun) {
      // The whole fan-out, packed as delivery packs it, and nothing queued.
      measured.push({ sync, dryRun, requests: { built, requests: chunkForDelivery(sync, built.items) } });
      continue;
    }
    counts.push({ sync, filtered: built.filtered, skipped: built.skipped, invalid: built.invalid.length, saved: built.dataPointsSaved });
    if (built.invalid.length > 0) {
      await recordDeadLetters(sync.id, 'invalid', null, built.invalid.map(({ event, reason }) => ({ event, reason })));
    }
    const chunks = chunkForDelivery(sync, built.items);
    const pending: { userKey: string; orderId: string; receivedAt: number }[] = [];
    const firstOfSync = jobs.length;
    chunks.forEach((chunk, i) => {
      const id = `${jobId}:${sync.id}:${i}`;
      const items = chunk.items.map((c) => c.ref);
      const updated = pendingUserKeysOf(items);
      for (const userKey of updated) pending.push({ userKey, orderId: id, receivedAt: job.receivedAt });
      jobs.push({
        name: 'deliver',
        data: { syncId: sync.id, items, ...(updated.length > 0 ? { orderId: id } : {}) },
        opts: { deduplication: { id, ttl: FANOUT_DEDUP_TTL_MS } },
      });
    });
    if (sync.sendAnonymousUsers) {
      const own = jobs.splice(firstOfSync);
      const store = deps.anonymousDevices;
      await scheduleIdentifies({ sync, ingestJobId: jobId, receivedAt: job.receivedAt, plan: built.anonymous, jobs: own, pending, store });
      jobs.push(...own);
    }
    // Before the jobs exist, so no later event of these users can be sent ahead of them.
    if (pending.length > 0) await deps.markPending(sync.id, pending);
    if (isInlineEligible(sync)) inline.push(...jobs.splice(firstOfSync));
  }
  if (jobs.length > 0) await deps.addDeliverJobs(jobs);
  if (inline.length > 0) await deps.deliverInline(run, inline);
  // Counted once the work is safely queued or delivered, so a re-run job does not count twice.
  deps.catalog.record(job.projectId, events);
  for (const c of counts) {
    deps.metrics.add(c.sync.id, { filtered: c.filtered, skipped: c.skipped, notDelivered: c.invalid, dataPointsSaved: c.saved });
  }
  for (const m of measured) await m.dryRun.record(m.sync, m.requests);
  return jobs.length + inline.length;
}

/**
 * Whether a sync's jobs may be tried inline: not when it keeps per-user order (user leases,
 * pending updates, identifies), whose chunks depend on the attribute cache an accepted chunk
 * updates, so a re-run after a crash could cut them differently (lib/pipeline/deliver/deliver-inline).
 */
export function isInlineEligible(sync: Pick<RuntimeSync, 'sendUsers' | 'sendAnonymousUsers' | 'dryRun'>): boolean {
  return !sync.sendUsers && !sync.sendAnonymousUsers && !sync.dryRun;
}

/** What the sync already sent per user: for a dry run, what it really sent overlaid with what it would have. */
function loadSentOf(sync: RuntimeSync, userKeys: string[], deps: FanOutDeps): Promise<SentValues> {
  return sync.dryRun ? deps.dryRun.loadSent(sync, userKeys) : deps.loadSent(sync.id, userKeys);
}

/**
 * A sync's objects of one ingest job as delivery jobs hold them: at most one Braze request each,
 * a user's attribute update kept with that user's event after it.
 */
export function chunkForDelivery(sync: Pick<RuntimeSync, 'objectLimitMode'>, items: DeliverItem[]): TrackBatch<PackedItem>[] {
  return chunkTrackObjects(
    items.map((item) => ({ array: item.kind, object: item.object, ref: item })),
    sync.objectLimitMode,
    // Remembered sizes: the batcher measures the same objects again (lib/pipeline/deliver/object-bytes).
    { keepTogether: (previous, item) => isAttributesThenEventOfOneUser(previous.ref, item.ref), sizeOf: objectBytesOf },
  );
}

/**
 * A user's attribute update and that user's event right after it go in one delivery job: Braze
 * applies a request's attributes first, and a job holding the event alone could be sent first.
 */
export function isAttributesThenEventOfOneUser(previous: DeliverItem, item: DeliverItem): boolean {
  return previous.kind === 'attributes' && item.kind !== 'attributes' && item.userKey !== undefined && (previous.remember?.userKey ?? previous.userKey) === item.userKey;
}
