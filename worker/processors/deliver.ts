import type { Job } from 'bullmq';
import { deliverJob, type DeliverDeps } from '@/lib/pipeline/deliver-job';
import { deliverJobSchema, type DeliverJob } from '@/lib/queue/contracts';

export function createDeliverProcessor(deps: DeliverDeps) {
  return async function processDeliver(job: Job<DeliverJob>): Promise<void> {
    const data = deliverJobSchema.parse(job.data);
    await deliverJob({ jobId: job.id, data, attemptsMade: job.attemptsMade, createdAt: job.timestamp }, deps);
  };
}
