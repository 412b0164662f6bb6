/**
 * The worker's side of paused syncs: at start, syncs paused for configuration that this
 * worker's configuration allows are resumed; then, while it runs, the held jobs of syncs that
 * resumed are handed back to the deliver queue (lib/pipeline/deliver/held-jobs).
 */
import { duringOutage } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import type { Pipeline } from '@/lib/pipeline/assemble';
import { startReleasingHeldJobs } from '@/lib/pipeline/deliver/held-jobs';
import { promoteDelayed } from '@/lib/pipeline/deliver/promote-delayed';
import { isSyncPaused, resumeConfigurationPauses } from '@/lib/syncs/pauses';

const log = childLogger('held-jobs');

/** Hands back the held jobs of the partitions this worker consumes. */
export async function startHoldingPausedSyncs(pipeline: Pipeline, partitions: readonly number[]): Promise<{ stop: () => Promise<void> }> {
  const resumed = await resumeConfigurationPauses();
  if (resumed.length > 0) log.info({ syncs: resumed }, 'syncs paused for configuration resumed: the configuration now allows them');
  const stops = partitions.map((partition) =>
    startReleasingHeldJobs({
      held: pipeline.partition(partition).held,
      isPaused: isSyncPaused,
      promote: (jobId) => promoteDelayed(jobId, partition),
      onReleased: (syncId, count) => log.info({ syncId, partition, count }, 'sync resumed: its waiting delivery jobs go out'),
      onError: (err) => duringOutage(err) || log.warn({ err: err.message, partition }, 'held delivery jobs not handed back yet; trying again'),
    }),
  );
  return { stop: async () => void (await Promise.all(stops.map((stop) => stop()))) };
}
