/**
 * Fan-out: one ingested request becomes delivery jobs per Enabled sync of its project. Each job
 * holds at most one Braze request's worth of objects, and its id is derived from the ingest job,
 * so an ingest job that runs twice (after a crash) adds no delivery job twice.
 */
import type { JobsOptions } from 'bullmq';
import { chunkTrackObjects } from '@/lib/braze';
import type { AmplitudeEvent } from '@/lib/amplitude';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import { buildItemsForSync } from '@/lib/pipeline/build-items';
import { recordDeadLetters } from '@/lib/pipeline/dead-letters';
import { type DeliverJob, type IngestJob, FANOUT_DEDUP_TTL_MS } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';

export interface FanOutDeps {
  loadSyncs: (projectId: string) => Promise<RuntimeSync[]>;
  addDeliverJobs: (jobs: { name: string; data: DeliverJob; opts: JobsOptions }[]) => Promise<unknown>;
  metrics: MetricsRecorder;
}

export async function fanOutIngestJob(jobId: string, job: IngestJob, deps: FanOutDeps): Promise<number> {
  const syncs = await deps.loadSyncs(job.projectId);
  const events = job.events as AmplitudeEvent[];
  const jobs: { name: string; data: DeliverJob; opts: JobsOptions }[] = [];
  const counts: { sync: RuntimeSync; filtered: number; skipped: number; invalid: number }[] = [];
  for (const sync of syncs) {
    const built = buildItemsForSync(sync, events, job.receivedAt);
    counts.push({ sync, filtered: built.filtered, skipped: built.skipped, invalid: built.invalid.length });
    if (built.invalid.length > 0) {
      await recordDeadLetters(sync.id, 'invalid', null, built.invalid.map(({ event, reason }) => ({ event, reason })));
    }
    const chunks = chunkTrackObjects(
      built.items.map((item) => ({ array: item.kind, object: item.object, ref: item })),
      sync.objectLimitMode,
    );
    chunks.forEach((chunk, i) => {
      jobs.push({
        name: 'deliver',
        data: { syncId: sync.id, items: chunk.items.map((c) => c.ref) },
        opts: { deduplication: { id: `${jobId}:${sync.id}:${i}`, ttl: FANOUT_DEDUP_TTL_MS } },
      });
    });
  }
  if (jobs.length > 0) await deps.addDeliverJobs(jobs);
  for (const c of counts) {
    deps.metrics.add(c.sync.id, { filtered: c.filtered, skipped: c.skipped, notDelivered: c.invalid });
  }
  return jobs.length;
}
