import type { Job } from 'bullmq';
import { runDeletionStep, type StepDeps } from '@/lib/privacy/run-step';
import { privacyJobSchema, type PrivacyJob } from '@/lib/queue/contracts';

/** User deletions (lib/privacy): parse the job, run its step; a retryable Braze failure rethrows. */
export function createPrivacyProcessor(deps: StepDeps) {
  return async function processPrivacy(job: Job<PrivacyJob>): Promise<void> {
    await runDeletionStep(privacyJobSchema.parse(job.data), job.timestamp, deps);
  };
}
