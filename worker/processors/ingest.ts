import type { Job } from 'bullmq';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import { fanOutIngestJob } from '@/lib/pipeline/fanout';
import { ingestJobSchema, type IngestJob } from '@/lib/queue/contracts';
import { deliverQueue } from '@/lib/queue/queues';
import { loadActiveSyncs } from '@/lib/syncs/runtime';

export function createIngestProcessor(metrics: MetricsRecorder) {
  return async function processIngest(job: Job<IngestJob>): Promise<{ deliverJobs: number }> {
    const data = ingestJobSchema.parse(job.data);
    const deliverJobs = await fanOutIngestJob(job.id ?? job.name, data, {
      loadSyncs: loadActiveSyncs,
      addDeliverJobs: (jobs) => deliverQueue().addBulk(jobs),
      metrics,
    });
    return { deliverJobs };
  };
}
