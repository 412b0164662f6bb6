/**
 * A deletion step is never left waiting for a job that no longer exists (Redis lost its data, a
 * job was removed by hand): every unfinished step's job is added again under its own job id,
 * which BullMQ ignores while that job still exists, so a live job is never doubled.
 */
import type { Queue } from 'bullmq';
import { prisma } from '@/lib/db/prisma';
import type { PrivacyJob } from '@/lib/queue/contracts';

/** The queue job of a step, named by the step: adding it again while it exists does nothing. */
export function stepJob(step: { id: string; kind: string; requestId: string }, forwardDelayMs = 0) {
  return step.kind === 'purge'
    ? { name: 'purge', data: { kind: 'purge' as const, requestId: step.requestId }, opts: { jobId: `purge-${step.id}` } }
    : { name: 'forward', data: { kind: 'forward' as const, requestId: step.requestId, stepId: step.id }, opts: { jobId: `forward-${step.id}`, delay: forwardDelayMs } };
}

export async function requeueUnfinishedSteps(queue: Pick<Queue<PrivacyJob>, 'addBulk'>): Promise<number> {
  const steps = await prisma().deletionStep.findMany({ where: { status: { in: ['pending', 'retrying'] } }, select: { id: true, kind: true, requestId: true } });
  if (steps.length > 0) await queue.addBulk(steps.map((step) => stepJob(step)));
  return steps.length;
}
