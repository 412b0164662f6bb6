import type { Job } from 'bullmq';
import { z } from 'zod';
import { deliverJob, type DeliverDeps } from '@/lib/pipeline/deliver-job';
import { deliverJobSchema, type DeliverItem, type DeliverJob } from '@/lib/queue/contracts';

/**
 * Delivery jobs are written by the worker's own fan-out and by replay, from objects already
 * checked: only the envelope is checked again here, not every field of every object.
 */
const deliverEnvelopeSchema = deliverJobSchema.extend({
  items: z.array(z.custom<DeliverItem>((i) => typeof i === 'object' && i !== null && 'object' in i && 'kind' in i)).min(1),
});

export function createDeliverProcessor(deps: DeliverDeps) {
  return async function processDeliver(job: Job<DeliverJob>, lockToken?: string): Promise<void> {
    const data = deliverEnvelopeSchema.parse(job.data);
    await deliverJob({ jobId: job.id, lockToken, data, attemptsMade: job.attemptsMade, createdAt: job.timestamp }, deps);
  };
}
