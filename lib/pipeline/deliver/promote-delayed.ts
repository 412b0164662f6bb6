import { deliverQueue } from '@/lib/queue/queues';

/**
 * Moves a delayed delivery job of partition `partition`'s deliver queue to the waiting list. A job already woken (running, re-held,
 * finished) is left alone, also when it leaves the delayed set while being promoted.
 */
export async function promoteDelayed(jobId: string, partition: number): Promise<void> {
  const queue = deliverQueue(partition);
  if ((await queue.getJobState(jobId)) !== 'delayed') return;
  try {
    await queue.backend.promote(jobId);
  } catch (err) {
    if ((await queue.getJobState(jobId)) === 'delayed') throw err;
  }
}
