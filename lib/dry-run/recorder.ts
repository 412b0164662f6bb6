/**
 * The worker's side of a dry run (the fan-out's `dryRun` dependency): de-duplication against
 * the dry run's own overlay (lib/dry-run/sent-values), and each ingest job's measured requests
 * written to Postgres (lib/dry-run/store). Samples are taken at most once a second per sync and
 * process, so busy traffic costs one sample write a second rather than one per ingest job.
 */
import type { RedisClient } from '@/lib/queue/connection';
import { measureRequests } from '@/lib/dry-run/measure';
import { loadDryRunSentValues, rememberDryRunValues } from '@/lib/dry-run/sent-values';
import { addDryRunCounts, addDryRunSample } from '@/lib/dry-run/store';
import type { DryRunDeps } from '@/lib/pipeline/fan-out/fanout';

export const SAMPLE_EVERY_MS = 1_000;

/** When each sync's last sample was taken: one per process, shared by its partitions' recorders. */
export type SampleTimes = Map<string, number>;

/** `prefix`: the partition's (lib/queue/partitions), where its users' overlay is. */
export function createDryRunRecorder(redis: RedisClient, prefix: string, lastSampleAt: SampleTimes, now: () => number = Date.now): DryRunDeps {
  return {
    loadSent: (sync, userKeys) => loadDryRunSentValues(redis, prefix, sync, userKeys),
    async record(sync, measured) {
      const at = now();
      const { counts, sample } = measureRequests(measured);
      await addDryRunCounts(sync.id, counts, at);
      const remembered = measured.requests.flatMap((r) => r.items.flatMap(({ ref }) => (ref.remember ? [ref.remember] : [])));
      await rememberDryRunValues(redis, prefix, sync, remembered);
      if (sample && at - (lastSampleAt.get(sync.id) ?? -Infinity) >= SAMPLE_EVERY_MS) {
        lastSampleAt.set(sync.id, at);
        await addDryRunSample(sync.id, sample, at);
      }
    },
  };
}
