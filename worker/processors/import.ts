import { DelayedError, type Job } from 'bullmq';
import { failRunningImport } from '@/lib/import/import-progress';
import { runImport, type ImportRunnerDeps, type RunResult } from '@/lib/import/run-import';
import { importJobSchema, type ImportJob } from '@/lib/queue/contracts';

/** A run interrupted by a shutdown, or waiting for the runner it replaces, is taken up again this soon. */
const REQUEUE_DELAY_MS = 1_000;

/**
 * One history import run (lib/import). Its progress is in Postgres, so an interrupted run goes
 * back to the queue to continue, and a failed attempt is retried from where it stopped; after
 * the last attempt the run is marked failed with the reason, and can be resumed from the page.
 */
export function createImportProcessor(deps: ImportRunnerDeps) {
  return async function processImport(job: Job<ImportJob>, lockToken?: string): Promise<void> {
    const { importId } = importJobSchema.parse(job.data);
    let result: RunResult;
    try {
      result = await runImport(importId, deps);
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await failRunningImport(importId, `Stopped after repeated errors: ${(err as Error).message}`);
      throw err;
    }
    if (result === 'done') return;
    await job.moveToDelayed(Date.now() + REQUEUE_DELAY_MS, lockToken);
    throw new DelayedError();
  };
}
