/**
 * Fan-out: one ingested request becomes delivery jobs per Enabled sync of its project. Before
 * that, duplicates (by insert_id) are dropped, the catalog counts what was seen, and user
 * properties are applied to the profile store, whose changes feed user forwarding.
 * Each delivery job holds at most one Braze request's worth of objects, and its id is derived
 * from the ingest job, so an ingest job that runs twice (after a crash) adds no job twice.
 */
import type { JobsOptions } from 'bullmq';
import type { AmplitudeEvent, UserPropertyChange } from '@/lib/amplitude';
import { chunkTrackObjects } from '@/lib/braze';
import type { CatalogRecorder } from '@/lib/catalog/recorder';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import type { SentValues } from '@/lib/pipeline/attribute-cache';
import { buildItemsForSync } from '@/lib/pipeline/build-items';
import { recordDeadLetters } from '@/lib/pipeline/dead-letters';
import { type DeliverJob, type IngestJob, FANOUT_DEDUP_TTL_MS } from '@/lib/queue/contracts';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import { profileUpdatesOf, userKeyOf, type ProfileUpdate } from '@/lib/users/profile-store';

type NewJob = { name: string; data: DeliverJob; opts: JobsOptions };

export interface FanOutDeps {
  loadSyncs: (projectId: string) => Promise<RuntimeSync[]>;
  addDeliverJobs: (jobs: NewJob[]) => Promise<unknown>;
  metrics: MetricsRecorder;
  catalog?: Pick<CatalogRecorder, 'record'>;
  dropDuplicates?: (projectId: string, claimant: string, events: AmplitudeEvent[]) => Promise<{ kept: AmplitudeEvent[] }>;
  applyProfiles?: (projectId: string, updates: ProfileUpdate[]) => Promise<Map<number, UserPropertyChange[]>>;
  loadSent?: (syncId: string, userKeys: string[]) => Promise<SentValues>;
}

export async function fanOutIngestJob(jobId: string, job: IngestJob, deps: FanOutDeps): Promise<number> {
  const all = job.events as AmplitudeEvent[];
  const events = deps.dropDuplicates ? (await deps.dropDuplicates(job.projectId, jobId, all)).kept : all;
  const syncs = await deps.loadSyncs(job.projectId);
  const changes = deps.applyProfiles ? await deps.applyProfiles(job.projectId, profileUpdatesOf(events)) : new Map();

  const jobs: NewJob[] = [];
  const counts: { sync: RuntimeSync; filtered: number; skipped: number; invalid: number; saved: number }[] = [];
  const changedUsers = [...changes.keys()].map((i) => userKeyOf(events[i]!)).filter((k): k is string => k !== null);
  for (const sync of syncs) {
    const sent = sync.sendUsers && deps.loadSent && changedUsers.length > 0 ? await deps.loadSent(sync.id, changedUsers) : new Map();
    const built = buildItemsForSync(sync, events, job.receivedAt, changes, sent);
    counts.push({ sync, filtered: built.filtered, skipped: built.skipped, invalid: built.invalid.length, saved: built.dataPointsSaved });
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
  // Counted once the work is safely queued, so a re-run job does not count twice.
  deps.catalog?.record(job.projectId, events);
  for (const c of counts) {
    deps.metrics.add(c.sync.id, { filtered: c.filtered, skipped: c.skipped, notDelivered: c.invalid, dataPointsSaved: c.saved });
  }
  return jobs.length;
}
