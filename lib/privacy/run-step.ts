/**
 * Runs one queued deletion step and records its outcome. A purge reloads the refused users
 * first, so this worker leaves the user out of whatever it sends from then on. A forward that
 * Braze answers with a retryable failure (429, 5xx, timeout) throws `RetryableDeliveryError`, so
 * BullMQ retries it with the delivery backoff, until the delivery retry period ends; then, or on
 * a permanent refusal, the step is recorded as failed with Braze's answer — never dropped unsaid.
 */
import { prisma } from '@/lib/db/prisma';
import { RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';
import type { DeleteBodies } from '@/lib/privacy/delete-bodies';
import { forwardDeletion, type ForwardDeps } from '@/lib/privacy/forward-deletion';
import { describePurge, purgeUsers, type PurgeDeps, type PurgePayload } from '@/lib/privacy/purge-users';
import type { RefusedUsers } from '@/lib/privacy/refused-users';
import { recordStep } from '@/lib/privacy/steps';
import type { PrivacyJob } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface StepDeps extends PurgeDeps, ForwardDeps {
  refused: Pick<RefusedUsers, 'refresh'>;
  loadSync: (id: string) => Promise<RuntimeSync | null>;
  maxAgeMs: number;
}

export async function runDeletionStep(job: PrivacyJob, createdAt: number, deps: StepDeps): Promise<void> {
  const request = await prisma().deletionRequest.findUnique({ where: { id: job.requestId }, include: { steps: true } });
  // Withdrawn when its jobs could not be queued (lib/privacy/record-deletion): nothing to do.
  if (!request) return;
  if (job.kind === 'purge') {
    const step = request.steps.find((s) => s.kind === 'purge');
    if (!step || step.status === 'done') return;
    await deps.refused.refresh();
    const summary = await purgeUsers(request.projectId, step.payload as unknown as PurgePayload, deps);
    return recordStep(step.id, { status: 'done', detail: describePurge(summary) });
  }
  const step = request.steps.find((s) => s.id === job.stepId);
  if (!step || step.status === 'done' || step.status === 'failed' || !step.syncId) return;
  const sync = await deps.loadSync(step.syncId);
  if (!sync) return recordStep(step.id, { status: 'failed', detail: 'The sync was deleted before its deletion could be sent.' });
  const result = await forwardDeletion(sync, step.payload as unknown as DeleteBodies, deps);
  if (result.kind === 'done') return recordStep(step.id, { status: 'done', detail: result.detail, deleted: result.deleted });
  if (result.kind === 'failed') return recordStep(step.id, { status: 'failed', detail: result.reason });
  if (Date.now() - createdAt >= deps.maxAgeMs) {
    return recordStep(step.id, { status: 'failed', detail: `Not accepted by Braze within the retry period. Last answer: ${result.reason}` });
  }
  await recordStep(step.id, { status: 'retrying', detail: result.reason });
  throw new RetryableDeliveryError(result.reason, result.status, result.resetAt);
}
