import { deliverQueue } from '@/lib/queue/queues';

/**
 * Moves a delayed delivery job to the waiting list. A job already woken (running, re-held,
 * finished) is left alone, also when it leaves the delayed set while being promoted.
 */
export async function promoteDelayed(jobId: string): Promise<void> {
  if ((await deliverQueue().getJobState(jobId)) !== 'delayed') return;
  try {
    await deliverQueue().backend.promote(jobId);
  } catch (err) {
    if ((await deliverQueue().getJobState(jobId)) === 'delayed') throw err;
  }
}
