import type { Job } from 'bullmq';
import { z } from 'zod';
import { fanOutIngestJob, type FanOutDeps } from '@/lib/pipeline/fan-out/fanout';
import { dropRefusedEvents } from '@/lib/privacy/drop-refused';
import type { RefusedUserLookup } from '@/lib/privacy/refused-users';
import { ingestJobSchema, type IngestJob } from '@/lib/queue/contracts';

/**
 * The app validated every event (lib/amplitude) before it queued them: only the envelope is
 * checked again here, not each property of each event.
 */
const ingestEnvelopeSchema = ingestJobSchema.extend({
  events: z.array(z.custom<Record<string, unknown>>((e) => typeof e === 'object' && e !== null && !Array.isArray(e))),
});

export function createIngestProcessor(deps: FanOutDeps, refused: RefusedUserLookup) {
  return async function processIngest(job: Job<IngestJob>, lockToken?: string): Promise<{ deliverJobs: number }> {
    const parsed = ingestEnvelopeSchema.parse(job.data);
    // Users deleted since these events were accepted (lib/privacy) are not stored or sent again.
    const data = { ...parsed, events: dropRefusedEvents(parsed.projectId, parsed.events, refused) };
    // Started before (a failed attempt, or a worker that died or stalled holding it): an earlier
    // run may have sent or queued some of its delivery jobs (lib/pipeline/deliver/deliver-inline).
    const rerun = job.attemptsMade > 0 || job.stalledCounter > 0 || job.attemptsStarted > 1;
    const run = { ingestJobId: job.id ?? job.name, lockToken: lockToken ?? '', rerun };
    return { deliverJobs: await fanOutIngestJob(run, data, deps) };
  };
}
