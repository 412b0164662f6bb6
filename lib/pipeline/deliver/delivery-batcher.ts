/**
 * Packs delivery jobs of one sync into shared Braze requests. A job waits at most `lingerMs`
 * for company, so light traffic is not delayed and heavy traffic fills requests up to Braze's
 * object limit: a request goes before its jobs' linger ends only once it is full. Jobs are
 * packed whole, so a retried job re-sends only its own objects, and best fit (largest waiting
 * jobs first) fills requests that arrival order would leave half empty.
 */
import {
  attributeMinorErrors,
  chunkTrackObjects,
  MAX_TRACK_PAYLOAD_BYTES,
  refusedForTooManyObjects,
  requestCapacity,
  type PermanentOutcome,
  type RequestCapacity,
  type RetryableOutcome,
  type TrackBatch,
  type TrackOutcome,
} from '@/lib/braze';
import type { TrackArrayName } from '@/lib/braze/types';
import { objectBytesOf } from '@/lib/pipeline/deliver/object-bytes';
import type { SendTrack, TrackBody } from '@/lib/pipeline/deliver/send-track';
import type { DeliverItem } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';

/** An object of the job that Braze did not apply, with Braze's reason. */
export type FailedItem = { item: DeliverItem; reason: string };

/**
 * A job's share of the requests that carried its objects (a job may share a request with other
 * jobs, or, larger than one request, span several): accepted with the objects Braze named as
 * failed, retried as the request that is to be retried, or refused as the request that was.
 */
export type JobShare = { kind: 'accepted'; failed: FailedItem[] } | RetryableOutcome | (PermanentOutcome & { failed: FailedItem[] });

interface Pending {
  items: DeliverItem[];
  bytes: number;
  counts: Counts;
  /** When its linger ends (ms, Date.now): from then on it goes with the next request. */
  dueAt: number;
  resolve: (outcome: JobShare) => void;
  reject: (err: Error) => void;
}

interface SyncQueue {
  sync: RuntimeSync;
  /** In arrival order. */
  pending: Pending[];
  objects: number;
  timer?: NodeJS.Timeout;
  timerAt?: number;
}

/**
 * Told when Braze refused a request as too many objects: moves the sync to the stricter object
 * limit (stored) and answers it, or null when no mode is stricter.
 */
export type OnTooManyObjects = (sync: RuntimeSync) => Promise<RuntimeSync['objectLimitMode'] | null>;

type Counts = Record<TrackArrayName, number>;

const TRACK_ARRAYS = ['events', 'attributes', 'purchases'] as const satisfies readonly TrackArrayName[];

function emptyCounts(): Counts {
  return { events: 0, attributes: 0, purchases: 0 };
}

/** Braze's payload limit less the body's envelope (`{"attributes":[],"events":[]}`). */
const MAX_REQUEST_BYTES = MAX_TRACK_PAYLOAD_BYTES - 64;

type Capacity = RequestCapacity;
type Pack = { jobs: Pending[]; total: number; bytes: number; counts: Counts };

/**
 * Best fit: jobs whose linger is over first, then the largest waiting jobs that still fit, so
 * jobs of 75 and 25 objects make requests of 75 rather than alternating 25s and 75s. A single
 * job larger than a request still goes, alone.
 */
function pickPack(pending: readonly Pending[], cap: Capacity, now: number): Pack {
  const order = [...pending].sort((a, b) => Number(b.dueAt <= now) - Number(a.dueAt <= now) || b.items.length - a.items.length);
  const pack: Pack = { jobs: [], total: 0, bytes: 0, counts: emptyCounts() };
  for (const job of order) {
    const fits =
      pack.total + job.items.length <= cap.total &&
      TRACK_ARRAYS.every((a) => pack.counts[a] + job.counts[a] <= cap.perArray) &&
      pack.bytes + job.bytes <= MAX_REQUEST_BYTES;
    if (!fits && pack.jobs.length > 0) continue;
    pack.jobs.push(job);
    pack.total += job.items.length;
    pack.bytes += job.bytes;
    for (const a of TRACK_ARRAYS) pack.counts[a] += job.counts[a];
    if (pack.total >= cap.total) break;
  }
  return pack;
}

/** Whether no more objects of the kinds it carries could join: worth sending without waiting. */
function isFull(pack: Pack, cap: Capacity): boolean {
  if (pack.total >= cap.total || pack.bytes >= MAX_REQUEST_BYTES * 0.9) return true;
  const used = TRACK_ARRAYS.filter((a) => pack.counts[a] > 0);
  return used.length > 0 && used.every((a) => pack.counts[a] >= cap.perArray);
}

export class DeliveryBatcher {
  private queues = new Map<string, SyncQueue>();
  private inFlight = new Set<Promise<void>>();
  /** Once shutting down, nothing lingers: jobs still arriving are sent at once. */
  private draining = false;
  /**
   * Object limits lowered after Braze's refusal, by sync: settings read before the change was
   * stored still name the old mode for a moment, and must not bring it back.
   */
  private lowered = new Map<string, { from: RuntimeSync['objectLimitMode']; to: RuntimeSync['objectLimitMode'] }>();

  constructor(private readonly options: { lingerMs: number; send: SendTrack; onTooManyObjects: OnTooManyObjects }) {}

  submit(sync: RuntimeSync, items: DeliverItem[]): Promise<JobShare> {
    return new Promise((resolve, reject) => {
      let q = this.queues.get(sync.id);
      if (!q) {
        q = { sync, pending: [], objects: 0 };
        this.queues.set(sync.id, q);
      }
      const lowered = this.lowered.get(sync.id);
      q.sync = lowered?.from === sync.objectLimitMode ? { ...sync, objectLimitMode: lowered.to } : sync;
      let bytes = 0;
      const counts = emptyCounts();
      for (const item of items) {
        bytes += objectBytesOf(item.object) + 1;
        counts[item.kind]++;
      }
      q.pending.push({ items, bytes, counts, dueAt: Date.now() + this.options.lingerMs, resolve, reject });
      q.objects += items.length;
      if (this.draining) this.sendAll(q);
      else this.sendFullPacks(q);
      this.schedule(q);
    });
  }

  /** Sends everything waiting now (shutdown), and waits for requests in flight. */
  async drain(): Promise<void> {
    this.draining = true;
    for (const q of this.queues.values()) {
      clearTimeout(q.timer);
      q.timer = undefined;
      this.sendAll(q);
    }
    await Promise.allSettled([...this.inFlight]);
  }

  /** Sends requests that are as full as they can be; the rest waits for company or its linger. */
  private sendFullPacks(q: SyncQueue): void {
    const cap = requestCapacity(q.sync.objectLimitMode);
    while (q.objects >= Math.min(cap.total, cap.perArray)) {
      const pack = pickPack(q.pending, cap, -Infinity);
      if (!isFull(pack, cap)) return;
      this.send(q, pack);
    }
  }

  private sendAll(q: SyncQueue): void {
    const cap = requestCapacity(q.sync.objectLimitMode);
    while (q.pending.length > 0) this.send(q, pickPack(q.pending, cap, Infinity));
  }

  /** A linger ended: every job whose wait is over goes now, with the best company waiting. */
  private onTimer(q: SyncQueue): void {
    q.timer = undefined;
    q.timerAt = undefined;
    const cap = requestCapacity(q.sync.objectLimitMode);
    // Timers may fire a millisecond before Date.now() says the linger is over.
    const now = Date.now() + 1;
    while (q.pending.some((p) => p.dueAt <= now)) this.send(q, pickPack(q.pending, cap, now));
    this.sendFullPacks(q);
    this.schedule(q);
  }

  /** Keeps one timer per sync, for the oldest waiting job (the first in arrival order). */
  private schedule(q: SyncQueue): void {
    const first = q.pending[0]?.dueAt;
    if (first === q.timerAt) return;
    clearTimeout(q.timer);
    q.timer = undefined;
    q.timerAt = first;
    if (first !== undefined) q.timer = setTimeout(() => this.onTimer(q), Math.max(0, first - Date.now()));
  }

  private send(q: SyncQueue, pack: Pack): void {
    const taken = new Set(pack.jobs);
    // Arrival order within the request, so objects of one job keep their order relative to the next.
    const jobs = q.pending.filter((p) => taken.has(p));
    q.pending = q.pending.filter((p) => !taken.has(p));
    q.objects -= pack.total;
    const run = this.sendPack(q.sync, jobs).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async sendPack(sync: RuntimeSync, pack: Pending[]): Promise<void> {
    const items: Packed[] = pack.flatMap((p, job) => p.items.map((item) => ({ array: item.kind, object: item.object, job, item })));
    let sent: Sent[];
    try {
      sent = await this.sendRequests(sync, items);
    } catch (err) {
      for (const p of pack) p.reject(err as Error);
      return;
    }
    pack.forEach((p, job) => p.resolve(outcomeOfJob(job, sent.filter((s) => s.jobs.has(job)))));
  }

  /**
   * The pack's objects in as many requests as the sync's object limit needs (one, unless a single
   * job is larger than a request), each body built by lib/braze's one request packer, the
   * preview's too. When Braze refuses a request as too many objects, the sync moves to the
   * stricter mode and that request's objects go again, split to the new limit.
   */
  private async sendRequests(sync: RuntimeSync, items: Packed[]): Promise<Sent[]> {
    const sent: Sent[] = [];
    const queue = chunkTrackObjects(items, sync.objectLimitMode, { sizeOf: objectBytesOf });
    while (queue.length > 0) {
      const batch = queue.shift()!;
      const outcome = await this.options.send(sync, batch.body as TrackBody);
      if (refusedForTooManyObjects(outcome)) {
        const stricter = await this.options.onTooManyObjects(sync);
        if (stricter !== null && stricter !== sync.objectLimitMode) {
          this.lowered.set(sync.id, { from: sync.objectLimitMode, to: stricter });
          sync = { ...sync, objectLimitMode: stricter };
          const q = this.queues.get(sync.id);
          if (q) q.sync = { ...q.sync, objectLimitMode: stricter };
          queue.unshift(...chunkTrackObjects(batch.items, stricter, { sizeOf: objectBytesOf }));
          continue;
        }
      }
      sent.push({ outcome, jobs: new Set(batch.items.map((i) => i.job)), failed: failedItemsOf(batch, outcome) });
    }
    return sent;
  }
}

type Packed = { array: TrackArrayName; object: DeliverItem['object']; job: number; item: DeliverItem };
type Sent = { outcome: TrackOutcome; jobs: ReadonlySet<number>; failed: (FailedItem & { job: number })[] };

/** Braze names failed objects by array and index (braze-api.md §3.2); each goes back to its job. */
function failedItemsOf(batch: TrackBatch<Packed>, outcome: TrackOutcome): Sent['failed'] {
  if (outcome.kind !== 'accepted' && outcome.kind !== 'permanent') return [];
  return attributeMinorErrors(batch, outcome.minorErrors).flatMap(({ error, item }) => (item ? [{ job: item.job, item: item.item, reason: error.reason }] : []));
}

/**
 * One job's outcome from the requests that carried its objects: retried when any of them is to
 * be retried (maybe processed, if another part already reached Braze), refused when any was
 * refused, else accepted with the objects Braze named as failed.
 */
function outcomeOfJob(job: number, requests: Sent[]): JobShare {
  const failed = requests.flatMap((r) => r.failed.filter((f) => f.job === job).map(({ item, reason }) => ({ item, reason })));
  const retry = requests.find((r) => r.outcome.kind === 'retryable');
  if (retry && retry.outcome.kind === 'retryable') {
    const landed = requests.some((r) => r !== retry && r.outcome.kind !== 'retryable');
    return { ...retry.outcome, maybeProcessed: retry.outcome.maybeProcessed || landed };
  }
  const refusal = requests.find((r) => r.outcome.kind === 'permanent');
  if (refusal && refusal.outcome.kind === 'permanent') {
    return { ...refusal.outcome, failed };
  }
  return { kind: 'accepted', failed };
}
