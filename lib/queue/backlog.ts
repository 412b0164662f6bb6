/**
 * What waits in the queues: job counts per state, the age of the oldest waiting job, and per sync
 * the Braze objects queued for delivery. Job counts are exact; the per-sync figures come from the
 * oldest jobs only (at most BACKLOG_SCAN_JOBS of them, timestamps and payloads read in one Redis
 * round trip), so a dashboard refresh stays cheap however long the backlog grows.
 */
import type { Queue } from 'bullmq';
import { deliverQueue, ingestQueue, producerConnection } from '@/lib/queue/queues';

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

/** One queue's depth, its oldest job judged from the first hundred of each state. */
export async function loadQueueDepth(queue: Queue): Promise<QueueDepth> {
  return readDepth(queue, await queue.getRanges([...PENDING_STATES], 0, 99, true));
}

export async function loadBacklog(): Promise<Backlog> {
  // Job ids only: the oldest of each state (lists come oldest first; delayed jobs are ordered by
  // their next run, so a few hundred of them stand for the oldest).
  const [ingestIds, deliverIds] = await Promise.all([
    ingestQueue().getRanges([...PENDING_STATES], 0, 99, true),
    deliverQueue().getRanges([...PENDING_STATES], 0, BACKLOG_SCAN_JOBS - 1, true),
  ]);
  const scanned = deliverIds.slice(0, BACKLOG_SCAN_JOBS);
  const [ingest, deliver, jobs] = await Promise.all([
    readDepth(ingestQueue(), ingestIds),
    readDepth(deliverQueue(), deliverIds),
    readJobs(deliverQueue(), scanned, ['timestamp', 'data']),
  ]);
  const bySync = new Map<string, SyncBacklog>();
  for (const [timestamp, data] of jobs) if (data) addJob(bySync, Number(timestamp), data);
  const pending = deliver.waiting + deliver.active + deliver.delayed;
  return { ingest, deliver, bySync, complete: pending <= scanned.length };
}
