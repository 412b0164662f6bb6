/**
 * Gives back letters whose replay can no longer happen: a letter stays `queued` only while its
 * replay job exists and has not finished. A job removed from Redis (flushed, trimmed, never added
 * because the app died between claiming the letters and queueing the job) or finished without
 * recording its letters leaves them `queued` forever, excluded from every later replay; after a
 * grace period they return to `failed`, ready to be replayed again. Letters queued before jobs
 * were named on them (no job id) are returned the same way. Every worker runs it; each update is
 * conditional on the letter still waiting for that job, so concurrent reapers do no harm.
 */
import { prisma } from '@/lib/db/prisma';

/** How long a queued letter's job may be missing before the letter is given back. */
export const REPLAY_REAP_AFTER_MS = 5 * 60_000;
const SCAN_LIMIT = 1_000;

/** The part of a BullMQ queue the reaper reads. */
export interface ReplayJobLookup {
  getJob(id: string): Promise<{ getState(): Promise<string> } | undefined | null>;
}

const FINISHED = new Set(['completed', 'failed', 'unknown']);

async function isGone(queue: ReplayJobLookup, jobId: string | null): Promise<boolean> {
  if (jobId === null) return true;
  const job = await queue.getJob(jobId);
  return !job || FINISHED.has(await job.getState());
}

/** Returns how many letters went back to `failed`. */
export async function reapLostReplays(queue: ReplayJobLookup, opts: { olderThanMs?: number; now?: Date } = {}): Promise<number> {
  const before = new Date((opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? REPLAY_REAP_AFTER_MS));
  // Grouped in SQL (the replay-state index), so a large replay still waiting costs one row per job.
  const waiting = await prisma().deadLetter.groupBy({
    by: ['replayJobId'],
    where: { replayState: 'queued', replayedAt: { lt: before } },
    orderBy: { replayJobId: 'asc' },
    take: SCAN_LIMIT,
  });
  let reaped = 0;
  for (const { replayJobId } of waiting) {
    if (!(await isGone(queue, replayJobId))) continue;
    const { count } = await prisma().deadLetter.updateMany({
      where: { replayState: 'queued', replayJobId, replayedAt: { lt: before } },
      data: { replayState: 'failed', replayJobId: null, replayedAt: new Date() },
    });
    reaped += count;
  }
  return reaped;
}
