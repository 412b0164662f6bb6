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

/**
 * `identity` names the job across partitions (lib/queue/partitions `jobIdentity`): the delivery
 * job ids and insert_id claims derived from it must not meet another partition's job of the same number.
 */
export function createIngestProcessor(deps: FanOutDeps, refused: RefusedUserLookup, identity: (jobId: string) => string = (id) => id) {
  return async function processIngest(job: Job<IngestJob>, lockToken?: string): Promise<{ deliverJobs: number }> {
    const parsed = ingestEnvelopeSchema.parse(job.data);
    // Users deleted since these events were accepted (lib/privacy) are not stored or sent again.
    const data = { ...parsed, events: dropRefusedEvents(parsed.projectId, parsed.events, refused) };
    // Started before (a failed attempt, or a worker that died or stalled holding it): an earlier
    // run may have sent or queued some of its delivery jobs (lib/pipeline/deliver/deliver-inline).
    const rerun = job.attemptsMade > 0 || job.stalledCounter > 0 || job.attemptsStarted > 1;
    const jobId = job.id ?? job.name;
    const run = { ingestJobId: identity(jobId), lockJobId: jobId, lockToken: lockToken ?? '', rerun };
    return { deliverJobs: await fanOutIngestJob(run, data, deps) };
  };
}
