/**
 * What waits in the queues: job counts per state, the age of the oldest waiting job, and per sync
 * the Braze objects queued for delivery. Job counts are exact; the per-sync figures come from the
 * oldest jobs only (at most BACKLOG_SCAN_JOBS of them, timestamps and payloads read in one Redis
 * round trip), so a dashboard refresh stays cheap however long the backlog grows. With several
 * partitions (lib/queue/partitions) every partition's queue is read and the figures summed.
 */
import type { Queue } from 'bullmq';
import { deliverQueue, everyPartition, ingestQueue, producerConnection } from '@/lib/queue/queues';

export const BACKLOG_SCAN_JOBS = 500;
const PENDING_STATES = ['waiting', 'prioritized', 'delayed', 'active'] as const;

export interface QueueDepth {
  waiting: number;
  active: number;
  /** Waiting for a retry (backoff) or a Braze rate-limit reset. */
  delayed: number;
  failed: number;
  /** When the oldest job still to be done was created (ms), or null when there is none. */
  oldestAt: number | null;
}

export interface SyncBacklog {
  /** Braze objects (events and user updates) queued for this sync. */
  objects: number;
  oldestAt: number | null;
}

export interface Backlog {
  ingest: QueueDepth;
  deliver: QueueDepth;
  bySync: Map<string, SyncBacklog>;
  /** False when more delivery jobs wait than were read: the per-sync figures are lower bounds. */
  complete: boolean;
}

async function readJobs(queue: Queue, ids: string[], fields: ('timestamp' | 'data')[]): Promise<(string | null)[][]> {
  if (ids.length === 0) return [];
  const pipeline = producerConnection().pipeline();
  for (const id of ids) pipeline.hmget(queue.toKey(id), ...fields);
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([err, value]) => (err ? fields.map(() => null) : (value as (string | null)[])));
}

async function readDepth(queue: Queue, oldestIds: string[]): Promise<QueueDepth> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
  const stamps = (await readJobs(queue, oldestIds, ['timestamp'])).map(([t]) => Number(t)).filter((t) => t > 0);
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    oldestAt: stamps.length > 0 ? Math.min(...stamps) : null,
  };
}

function addJob(bySync: Map<string, SyncBacklog>, timestamp: number, data: string): void {
  const job = JSON.parse(data) as { syncId?: string; items?: unknown[] };
  if (!job.syncId) return;
  const entry = bySync.get(job.syncId) ?? { objects: 0, oldestAt: null };
  entry.objects += job.items?.length ?? 0;
  if (timestamp > 0) entry.oldestAt = entry.oldestAt === null ? timestamp : Math.min(entry.oldestAt, timestamp);
  bySync.set(job.syncId, entry);
}

/** The depths of one queue's partitions, added up; the oldest job is the oldest of any. */
function sumDepths(depths: QueueDepth[]): QueueDepth {
  const oldest = depths.flatMap((d) => (d.oldestAt === null ? [] : [d.oldestAt]));
  return {
    waiting: depths.reduce((n, d) => n + d.waiting, 0),
    active: depths.reduce((n, d) => n + d.active, 0),
    delayed: depths.reduce((n, d) => n + d.delayed, 0),
    failed: depths.reduce((n, d) => n + d.failed, 0),
    oldestAt: oldest.length > 0 ? Math.min(...oldest) : null,
  };
}

/** One queue's depth over its partitions, the oldest job judged from the first hundred of each state. */
export async function loadQueueDepth(queues: Queue[]): Promise<QueueDepth> {
  return sumDepths(await Promise.all(queues.map(async (queue) => readDepth(queue, await queue.getRanges([...PENDING_STATES], 0, 99, true)))));
}

export async function loadBacklog(): Promise<Backlog> {
  const deliverQueues = everyPartition(deliverQueue);
  // The scan's budget is shared by the partitions, so a refresh costs the same however many there are.
  const scanPerPartition = Math.ceil(BACKLOG_SCAN_JOBS / deliverQueues.length);
  const [ingest, deliverParts] = await Promise.all([
    loadQueueDepth(everyPartition(ingestQueue)),
    Promise.all(
      deliverQueues.map(async (queue) => {
        // Job ids only: the oldest of each state (lists come oldest first; delayed jobs are ordered
        // by their next run, so a few hundred of them stand for the oldest).
        const ids = await queue.getRanges([...PENDING_STATES], 0, scanPerPartition - 1, true);
        const scanned = ids.slice(0, scanPerPartition);
        const [depth, jobs] = await Promise.all([readDepth(queue, ids), readJobs(queue, scanned, ['timestamp', 'data'])]);
        return { depth, jobs, complete: depth.waiting + depth.active + depth.delayed <= scanned.length };
      }),
    ),
  ]);
  const bySync = new Map<string, SyncBacklog>();
  for (const part of deliverParts) for (const [timestamp, data] of part.jobs) if (data) addJob(bySync, Number(timestamp), data);
  return { ingest, deliver: sumDepths(deliverParts.map((p) => p.depth)), bySync, complete: deliverParts.every((p) => p.complete) };
}
