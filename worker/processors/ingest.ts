import type { Job } from 'bullmq';
import type { AmplitudeEvent } from '@/lib/amplitude';
import type { CatalogRecorder } from '@/lib/catalog/recorder';
import { env } from '@/lib/env';
import { dropDuplicates } from '@/lib/ingest/dedup';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import { loadSentValues } from '@/lib/pipeline/attribute-cache';
import { applyGroupIdentifies } from '@/lib/groups/group-profile-store';
import { fanOutIngestJob } from '@/lib/pipeline/fanout';
import { dropRefusedEvents } from '@/lib/privacy/drop-refused';
import type { RefusedUserLookup } from '@/lib/privacy/refused-users';
import type { UserLeases } from '@/lib/pipeline/user-leases';
import { z } from 'zod';
import { ingestJobSchema, type IngestJob } from '@/lib/queue/contracts';
import { deliverQueue, producerConnection } from '@/lib/queue/queues';
import { loadActiveSyncs } from '@/lib/syncs/runtime';
import { createDryRunRecorder } from '@/lib/dry-run/recorder';
import { applyUserModel } from '@/lib/users/profile-store';
import { anonymousDeviceStore } from '@/lib/anonymous/device-links';

/**
 * The app validated every event (lib/amplitude) before it queued them: only the envelope is
 * checked again here, not each property of each event.
 */
const ingestEnvelopeSchema = ingestJobSchema.extend({
  events: z.array(z.custom<Record<string, unknown>>((e) => typeof e === 'object' && e !== null && !Array.isArray(e))),
});

export function createIngestProcessor(metrics: MetricsRecorder, catalog: CatalogRecorder, refused: RefusedUserLookup, leases?: UserLeases) {
  const config = env();
  // As long as a delivery job may be retried, and an hour more.
  const pendingTtlMs = config.DELIVERY_MAX_RETRY_HOURS * 3_600_000 + 3_600_000;
  const dryRun = createDryRunRecorder(producerConnection(), config.QUEUE_PREFIX);
  return async function processIngest(job: Job<IngestJob>): Promise<{ deliverJobs: number }> {
    const parsed = ingestEnvelopeSchema.parse(job.data);
    // Users deleted since these events were accepted (lib/privacy) are not stored or sent again.
    const data = { ...parsed, events: dropRefusedEvents(parsed.projectId, parsed.events, refused) };
    const deliverJobs = await fanOutIngestJob(job.id ?? job.name, data, {
      loadSyncs: loadActiveSyncs,
      addDeliverJobs: (jobs) => deliverQueue().addBulk(jobs),
      metrics,
      catalog,
      dropDuplicates: (projectId, claimant, events: AmplitudeEvent[]) =>
        dropDuplicates(producerConnection(), { prefix: config.QUEUE_PREFIX, projectId, claimant, windowMs: config.INGEST_DEDUP_WINDOW_SECONDS * 1000 }, events),
      applyGroups: applyGroupIdentifies,
      applyProfiles: applyUserModel,
      loadSent: (syncId, userKeys) => loadSentValues(producerConnection(), config.QUEUE_PREFIX, syncId, userKeys),
      markPending: leases ? (syncId, entries) => leases.markPending(syncId, entries, pendingTtlMs) : undefined,
      anonymousDevices: anonymousDeviceStore,
      dryRun,
    });
    return { deliverJobs };
  };
}
