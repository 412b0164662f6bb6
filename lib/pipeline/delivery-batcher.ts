/**
 * Packs delivery jobs of one sync into shared Braze requests. A job waits at most `lingerMs`
 * for company, so light traffic is not delayed and heavy traffic fills requests up to Braze's
 * object limit. Jobs are packed whole, so a retried job re-sends only its own objects.
 */
import type { DeliverItem } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import { requestCapacity, type TrackArray } from '@/lib/pipeline/request-capacity';

export type MinorError = { array: TrackArray; index: number; reason: string };

export type SendOutcome =
  | { kind: 'accepted'; status: number; minorErrors: MinorError[] }
  | { kind: 'retryable'; status: number | null; reason: string; resetAt?: number; maybeProcessed: boolean }
  | { kind: 'permanent'; status: number | null; reason: string; minorErrors: MinorError[] };

export type TrackBody = Partial<Record<TrackArray, Record<string, unknown>[]>>;

export type JobOutcome =
  | { kind: 'accepted'; failed: { item: DeliverItem; reason: string }[] }
  | { kind: 'retryable'; status: number | null; reason: string; resetAt?: number; maybeProcessed: boolean }
  | { kind: 'permanent'; status: number | null; reason: string; failed: { item: DeliverItem; reason: string }[] };

interface Pending {
  items: DeliverItem[];
  bytes: number;
  resolve: (outcome: JobOutcome) => void;
  reject: (err: Error) => void;
}

interface SyncQueue {
  sync: RuntimeSync;
  pending: Pending[];
  objects: number;
  timer?: NodeJS.Timeout;
}

export type SendTrack = (sync: RuntimeSync, body: TrackBody) => Promise<SendOutcome>;

/** Braze accepts 4 MB; leave room for the envelope and multi-byte surprises. */
const MAX_REQUEST_BYTES = 3_500_000;

export class DeliveryBatcher {
  private queues = new Map<string, SyncQueue>();
  private inFlight = new Set<Promise<void>>();
  /** Once shutting down, nothing lingers: jobs still arriving are sent at once. */
  private draining = false;

  constructor(private readonly options: { lingerMs: number; send: SendTrack }) {}

  submit(sync: RuntimeSync, items: DeliverItem[]): Promise<JobOutcome> {
    return new Promise((resolve, reject) => {
      let q = this.queues.get(sync.id);
      if (!q) {
        q = { sync, pending: [], objects: 0 };
        this.queues.set(sync.id, q);
      }
      q.sync = sync;
      const bytes = items.reduce((n, i) => n + JSON.stringify(i.object).length + 1, 0);
      q.pending.push({ items, bytes, resolve, reject });
      q.objects += items.length;
      if (this.draining || q.objects >= requestCapacity(sync.objectLimitMode).total) this.flush(q);
      else q.timer ??= setTimeout(() => this.flush(q), this.options.lingerMs);
    });
  }

  /** Sends everything waiting now (shutdown), and waits for requests in flight. */
  async drain(): Promise<void> {
    this.draining = true;
    for (const q of this.queues.values()) while (q.pending.length > 0) this.flush(q);
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(q: SyncQueue): void {
    clearTimeout(q.timer);
    q.timer = undefined;
    const pack = this.takePack(q);
    if (q.pending.length > 0) {
      // More than one request's worth was waiting: send the rest right away too.
      if (q.objects >= requestCapacity(q.sync.objectLimitMode).total) queueMicrotask(() => this.flush(q));
      else q.timer = setTimeout(() => this.flush(q), this.options.lingerMs);
    }
    if (pack.length === 0) return;
    const run = this.sendPack(q.sync, pack).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private takePack(q: SyncQueue): Pending[] {
    const cap = requestCapacity(q.sync.objectLimitMode);
    const counts: Record<TrackArray, number> = { events: 0, attributes: 0 };
    let total = 0;
    let bytes = 0;
    const pack: Pending[] = [];
    while (q.pending.length > 0) {
      const next = q.pending[0]!;
      const add = { events: 0, attributes: 0 };
      for (const item of next.items) add[item.kind]++;
      const fits =
        total + next.items.length <= cap.total &&
        counts.events + add.events <= cap.perArray &&
        counts.attributes + add.attributes <= cap.perArray &&
        bytes + next.bytes <= MAX_REQUEST_BYTES;
      if (!fits && pack.length > 0) break;
      q.pending.shift();
      pack.push(next);
      total += next.items.length;
      bytes += next.bytes;
      counts.events += add.events;
      counts.attributes += add.attributes;
      q.objects -= next.items.length;
    }
    return pack;
  }

  private async sendPack(sync: RuntimeSync, pack: Pending[]): Promise<void> {
    // Attributes first in the body: Braze applies attributes before events within a request.
    const body: TrackBody = {};
    const origin: Record<TrackArray, { job: number; item: DeliverItem }[]> = { attributes: [], events: [] };
    pack.forEach((p, job) => {
      for (const item of p.items) {
        (body[item.kind] ??= []).push(item.object);
        origin[item.kind].push({ job, item });
      }
    });
    let outcome: SendOutcome;
    try {
      outcome = await this.options.send(sync, body);
    } catch (err) {
      for (const p of pack) p.reject(err as Error);
      return;
    }
    if (outcome.kind === 'retryable') {
      for (const p of pack) p.resolve(outcome);
      return;
    }
    // Braze names failed objects by array and index; give each job back its own.
    const failed: { item: DeliverItem; reason: string }[][] = pack.map(() => []);
    for (const e of outcome.minorErrors) {
      const at = origin[e.array][e.index];
      if (at) failed[at.job]!.push({ item: at.item, reason: e.reason });
    }
    pack.forEach((p, i) =>
      p.resolve(
        outcome.kind === 'accepted'
          ? { kind: 'accepted', failed: failed[i]! }
          : { kind: 'permanent', status: outcome.status, reason: outcome.reason, failed: failed[i]! },
      ),
    );
  }
}
