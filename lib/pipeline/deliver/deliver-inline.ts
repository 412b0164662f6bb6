/**
 * The first attempt of a fanned-out delivery job, made inline by its ingest job: the job's
 * objects go straight to the in-process batcher through `deliverJob`, the same per-job logic a
 * queued delivery job runs (markers, guard, metrics, dead letters). Only what that attempt does
 * not finish — a retryable failure or 429, a paused sync, any other error — is handed to the
 * `deliver` queue as the delivery job it would have been (same derived id, so a re-run adds
 * nothing twice), flagged as already tried. So the queue is the retry path, not the first path,
 * and most objects cross Redis and BullMQ's job bookkeeping once, in their ingest job, instead
 * of twice.
 *
 * Crash safety. The inline attempt claims the chunk's delivery marker (keyed by the derived id)
 * against the ingest job's BullMQ lock instead of a delivery job's: the claim fails (`lost`)
 * once that lock belongs to another run, so a stalled worker that outlived its lock never sends
 * beside the run that replaced it. A worker killed between Braze's 201 and the ingest job's
 * completion leaves the marker `accepted` (written right after the counts, as a delivery job
 * writes it) or `pending` (killed before that): the ingest job runs again, and that re-run makes
 * no inline attempt at all — it hands every chunk to the queue, where the delivery job's claim
 * finds `accepted` (nothing sent again) or `pending` (sent again and counted as a possible
 * duplicate), exactly as for a delivery job whose worker died. Handing everything over on a
 * re-run also keeps it from sending a chunk inline while the first run's hand-over of the same
 * chunk already waits in the queue.
 *
 * Which chunks go inline is fan-out's call (`isInlineEligible`): syncs that keep per-user order
 * (leases, pending updates, identifies) stay on the queue, because their chunks depend on the
 * attribute cache that an accepted chunk updates, so a re-run would cut them differently and a
 * derived id could name other objects than the ones Braze accepted. Events-only chunks depend
 * only on the job's events (kept by their insert_id claims), the sync's settings and the users'
 * views; the one known way a re-run cuts them differently is the documented re-application of
 * `$add`/`$append` (docs/architecture.md, "User profiles") under a filter or mapping that reads
 * the changed property.
 */
import { childLogger } from '@/lib/log/logger';
import { AttemptLostError, deliverJob, type DeliverDeps } from '@/lib/pipeline/deliver/deliver-job';
import { retryDelayMs, RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';
import { HOLD_RECHECK_MS, SyncOnHoldError } from '@/lib/pipeline/deliver/held-jobs';
import { isBrazeFailure } from '@/lib/pipeline/deliver/retry-wake';
import { QUEUE_NAMES } from '@/lib/queue/contracts';
import type { JobsOptions } from 'bullmq';
import type { NewDeliverJob as QueuedDeliverJob } from '@/lib/queue/queues';

const log = childLogger('delivery');

/** A delivery job as fan-out builds it, to be tried inline or queued: always with its derived id. */
export type NewDeliverJob = QueuedDeliverJob & { opts: JobsOptions & { deduplication: { id: string; ttl: number } } };

/** The ingest job making the attempts, and whether this is its first run. */
export interface IngestRun {
  /** Names the ingest job across partitions: delivery job ids and markers are derived from it. */
  ingestJobId: string;
  /** The ingest job's BullMQ id in its partition's queue, whose lock the inline attempts check. */
  lockJobId: string;
  /** The ingest job's BullMQ lock token: the inline attempts send only while it holds the lock. */
  lockToken: string;
  /** Whether an earlier run of this ingest job may have made attempts (failed, or stalled). */
  rerun: boolean;
}

/** Tries jobs inline and queues what those attempts did not finish (accepted or failed for good). */
export type DeliverInline = (run: IngestRun, jobs: NewDeliverJob[]) => Promise<void>;

export interface InlineDeliveryDeps {
  deliver: DeliverDeps;
  /** Adds delivery jobs to the `deliver` queue, answering their BullMQ ids. */
  addDeliverJobs: (jobs: NewDeliverJob[]) => Promise<{ id?: string }[]>;
  /** Lists a job that waits out a Braze failure, so it goes as soon as Braze accepts again (retry-wake). */
  listRetrying: (syncId: string, jobId: string) => Promise<void>;
  /** Lists a job held for its paused sync, to be handed back once the sync resumes (held-jobs). */
  listHeld: (syncId: string, jobId: string) => Promise<void>;
}

export function createInlineDelivery({ deliver, addDeliverJobs, listRetrying, listHeld }: InlineDeliveryDeps): DeliverInline {
  return async (run, jobs) => {
    // A re-run cannot tell what its first run left queued or in flight: the queue decides.
    if (run.rerun) {
      await addDeliverJobs(jobs);
      return;
    }
    const settled = await Promise.allSettled(jobs.map((job) => attemptInline(run, job, deliver)));
    const handed: HandedOver[] = [];
    settled.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      const err = result.reason as Error;
      // This run lost its ingest job to another run, which hands the chunk on itself.
      if (err instanceof AttemptLostError) throw err;
      handed.push(handOver(jobs[i]!, err, deliver));
    });
    if (handed.length === 0) return;
    const added = await addDeliverJobs(handed.map((h) => h.job));
    await Promise.all(
      handed.map(({ job, wait }, i) => {
        const id = added[i]?.id;
        if (!id || wait === 'backoff') return undefined;
        // Listed once the job is in the delayed set, as the deliver queue's own jobs are.
        if (wait === 'held') return listHeld(job.data.syncId, id);
        return listRetrying(job.data.syncId, id).catch((err: Error) => log.warn({ err: err.message }, 'retrying job not listed; it goes at the end of its backoff'));
      }),
    );
  };
}

/**
 * A job to queue after its inline attempt, and what it waits for there: its paused sync, Braze
 * accepting again (retry wake), or only its backoff.
 */
type HandedOver = { job: NewDeliverJob; wait: 'held' | 'braze' | 'backoff' };

function attemptInline(run: IngestRun, job: NewDeliverJob, deps: DeliverDeps): Promise<void> {
  const ctx = {
    jobId: job.opts.deduplication.id,
    lockToken: run.lockToken,
    lockHolder: { queue: QUEUE_NAMES.ingest, jobId: run.lockJobId },
    data: job.data,
    attemptsMade: 0,
    createdAt: deps.now(),
  };
  return deliverJob(ctx, deps);
}

/**
 * The delivery job for the queue after an inline attempt that did not finish. A paused sync's job
 * is queued held, as a delivery job of a paused sync holds itself (worker/processors/deliver): no
 * attempt used, woken when the sync resumes or after HOLD_RECHECK_MS. A failed attempt's job waits
 * the backoff of a first retry (never before Braze's reset).
 */
function handOver(job: NewDeliverJob, err: Error, deps: DeliverDeps): HandedOver {
  if (err instanceof SyncOnHoldError) {
    return { job: { ...job, data: { ...job.data, heldAt: deps.now() }, opts: { ...job.opts, delay: HOLD_RECHECK_MS } }, wait: 'held' };
  }
  if (!(err instanceof RetryableDeliveryError)) log.warn({ syncId: job.data.syncId, jobId: job.opts.deduplication.id, err: err.message }, 'inline delivery attempt failed; the job is queued');
  const now = deps.now();
  const delay = retryDelayMs({ attemptsMade: 1, now, firstAttemptAt: now, maxAgeMs: deps.maxAgeMs, resetAt: err instanceof RetryableDeliveryError ? err.resetAt : undefined });
  return {
    job: { ...job, data: { ...job.data, firstAttemptInline: true }, opts: { ...job.opts, delay } },
    wait: isBrazeFailure(err) ? 'braze' : 'backoff',
  };
}
