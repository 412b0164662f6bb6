/**
 * Forward-to-Amplitude processor: parse the job, find the project's target, run it
 * (lib/forward/forward-job). Events left for later are written back into the job, so its retry
 * re-sends only those; a project that no longer forwards drops its queued requests.
 */
import type { Job } from 'bullmq';
import { ForwardRetryError } from '@/lib/forward/backoff';
import { runForwardJob, type ForwardRunDeps } from '@/lib/forward/forward-job';
import { ForwardConfigurationError, type ForwardTarget } from '@/lib/forward/settings';
import { childLogger } from '@/lib/log/logger';
import { forwardJobSchema, type ForwardJob } from '@/lib/queue/contracts';

const log = childLogger('forward');

/** How often a request of a misconfigured project checks whether the configuration was fixed. */
const CONFIGURATION_RECHECK_MS = 30_000;

export interface ForwardProcessorDeps extends ForwardRunDeps {
  loadTarget: (projectId: string) => Promise<ForwardTarget | null>;
}

export function createForwardProcessor(deps: ForwardProcessorDeps) {
  return async (job: Job<ForwardJob>): Promise<void> => {
    const data = forwardJobSchema.parse(job.data);
    const target = await deps.loadTarget(data.projectId).catch((err: unknown) => {
      if (err instanceof ForwardConfigurationError) throw new ForwardRetryError(CONFIGURATION_RECHECK_MS, err.message);
      throw err;
    });
    if (!target) {
      log.info({ projectId: data.projectId, events: data.events.length }, 'forwarding was turned off: queued events not forwarded');
      return;
    }
    const result = await runForwardJob(data, target, { id: job.id ?? `${job.name}:${job.timestamp}`, at: job.timestamp }, deps);
    if (result.kind === 'retry') {
      await job.updateData({ ...data, events: result.events });
      throw new ForwardRetryError(result.delayMs, `${result.events.length} events wait to be forwarded to Amplitude`);
    }
  };
}
