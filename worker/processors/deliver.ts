import { DelayedError, type Job } from 'bullmq';
import { z } from 'zod';
import { deliverJob, type DeliverDeps } from '@/lib/pipeline/deliver/deliver-job';
import { HOLD_RECHECK_MS, SyncOnHoldError, type HeldJobs } from '@/lib/pipeline/deliver/held-jobs';
import { dropRefusedItems } from '@/lib/privacy/drop-refused';
import type { RefusedUserLookup } from '@/lib/privacy/refused-users';
import { deliverJobSchema, retryPeriodStart, type DeliverItem, type DeliverJob } from '@/lib/queue/contracts';

/**
 * Delivery jobs are written by the worker's own fan-out and by replay, from objects already
 * checked: only the envelope is checked again here, not every field of every object.
 */
const deliverEnvelopeSchema = deliverJobSchema.extend({
  items: z.array(z.custom<DeliverItem>((i) => typeof i === 'object' && i !== null && 'object' in i && 'kind' in i)),
});

export function createDeliverProcessor(deps: DeliverDeps, held: HeldJobs, refused: RefusedUserLookup) {
  return async function processDeliver(job: Job<DeliverJob>, lockToken?: string): Promise<void> {
    const envelope = deliverEnvelopeSchema.parse(job.data);
    // Objects of users deleted since the job was queued are never sent (lib/privacy/drop-refused).
    const data = { ...envelope, items: await dropRefusedItems(envelope, deps.loadSync, refused) };
    // A job of identifies alone has no objects (lib/anonymous).
    if (data.items.length === 0 && !data.identify?.length) return;
    if (data.heldAt !== undefined) {
      // Back from a pause: its retry period starts again now.
      const { heldAt: _heldAt, ...resumed } = job.data;
      await job.updateData({ ...resumed, resumedAt: Date.now() });
    }
    try {
      // A job fan-out already tried inline is on its retries from its first run here.
      const attemptsMade = job.attemptsMade + (data.firstAttemptInline ? 1 : 0);
      // Fanned-out jobs name their marker by the id derived from their ingest job (their
      // de-duplication id), as their inline first attempt did (lib/pipeline/deliver/deliver-inline).
      const markerId = job.deduplicationId ?? job.id;
      await deliverJob({ jobId: job.id, markerId, lockToken, data, attemptsMade, createdAt: retryPeriodStart(job) }, deps);
    } catch (err) {
      if (!(err instanceof SyncOnHoldError) || !job.id) throw err;
      // Its sync is paused: the job waits without using an attempt until the sync resumes
      // (lib/pipeline/deliver/held-jobs), listed only once it is in the delayed set to be handed back.
      if (job.data.heldAt === undefined) await job.updateData({ ...job.data, heldAt: Date.now() });
      await job.moveToDelayed(Date.now() + HOLD_RECHECK_MS, lockToken);
      await held.add(data.syncId, job.id);
      throw new DelayedError();
    }
  };
}
