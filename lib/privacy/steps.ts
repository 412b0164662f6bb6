/**
 * Outcomes of a deletion's steps, and the request's status derived from them in Amplitude's
 * words: `staging` before any step ran, `submitted` while steps run or wait for a retry, `done`
 * once every step finished (succeeded or failed for good; each step says which).
 */
import { prisma } from '@/lib/db/prisma';

export type StepStatus = 'pending' | 'retrying' | 'done' | 'failed';

export async function recordStep(stepId: string, outcome: { status: StepStatus; detail: string; deleted?: number }): Promise<void> {
  const step = await prisma().deletionStep.update({
    where: { id: stepId },
    data: { status: outcome.status, detail: outcome.detail, deleted: outcome.deleted, attempts: { increment: 1 }, updatedAt: new Date() },
    select: { requestId: true },
  });
  await settleRequest(step.requestId);
}

async function settleRequest(requestId: string): Promise<void> {
  const steps = await prisma().deletionStep.findMany({ where: { requestId }, select: { status: true } });
  const finished = steps.every((s) => s.status === 'done' || s.status === 'failed');
  await prisma().deletionRequest.update({
    where: { id: requestId },
    data: finished ? { status: 'done', finishedAt: new Date() } : { status: 'submitted' },
  });
}
