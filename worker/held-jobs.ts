/**
 * The worker's side of paused syncs: at start, syncs paused for configuration that this
 * worker's configuration allows are resumed; then, while it runs, the held jobs of syncs that
 * resumed are handed back to the deliver queue (lib/pipeline/deliver/held-jobs).
 */
import { duringOutage } from '@/lib/health/outage-log';
import { childLogger } from '@/lib/log/logger';
import { HeldJobs, startReleasingHeldJobs } from '@/lib/pipeline/deliver/held-jobs';
import { promoteDelayed } from '@/lib/pipeline/deliver/promote-delayed';
import { producerConnection } from '@/lib/queue/queues';
import { isSyncPaused, resumeConfigurationPauses } from '@/lib/syncs/pauses';

const log = childLogger('held-jobs');

export async function startHoldingPausedSyncs(prefix: string): Promise<{ held: HeldJobs; stop: () => Promise<void> }> {
  const resumed = await resumeConfigurationPauses();
  if (resumed.length > 0) log.info({ syncs: resumed }, 'syncs paused for configuration resumed: the configuration now allows them');
  const held = new HeldJobs(producerConnection(), prefix);
  const stop = startReleasingHeldJobs({
    held,
    isPaused: isSyncPaused,
    promote: promoteDelayed,
    onReleased: (syncId, count) => log.info({ syncId, count }, 'sync resumed: its waiting delivery jobs go out'),
    onError: (err) => duringOutage(err) || log.warn({ err: err.message }, 'held delivery jobs not handed back yet; trying again'),
  });
  return { held, stop };
}
