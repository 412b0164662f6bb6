/**
 * The "done" signal of an integration test that asserts something did not happen after an
 * upload (nothing sent for a disabled sync, a duplicate dropped): waits until neither the ingest
 * nor the delivery queue holds a job waiting or running. The ingestion API has queued the upload
 * before it answered, and a fan-out adds its delivery jobs before its own job completes, so once
 * both are idle every job of the upload has had its outcome and anything it was going to send
 * has been sent. Delayed jobs are left out: a retry has already been sent once, and a job held
 * for a paused sync waits on purpose.
 */
import { deliverQueue, everyPartition, ingestQueue } from '@/lib/queue/queues';
import { waitFor } from '@/test/processes';

const BUSY_STATES = ['waiting', 'active', 'prioritized'] as const;

export async function waitForQueuesIdle(): Promise<void> {
  await waitFor(
    async () => {
      const counts = await Promise.all([...everyPartition(ingestQueue), ...everyPartition(deliverQueue)].map((q) => q.getJobCounts(...BUSY_STATES)));
      return counts.every((c) => Object.values(c).every((n) => n === 0));
    },
    { what: 'the ingest and delivery queues to be idle' },
  );
}
