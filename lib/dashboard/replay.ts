/**
 * Replay from the dashboard: refused while the sync could not deliver (disabled, or paused until
 * its credentials are fixed), since the letters would only fail again. Right after the sync was
 * saved, the jobs wait until every worker has dropped its cached settings, so a fixed key is the
 * one used.
 */
import { replayDeadLetters, type ReplaySelection } from '@/lib/dead-letters/replay';
import type { ReplayRequest } from '@/lib/dashboard/query-schemas';
import { addDeliverJobsToPartitions } from '@/lib/queue/queues';
import { getSync } from '@/lib/syncs/repository';
import { AppError } from '@/lib/http/app-error';
import { TTL_MS as SETTINGS_CACHE_MS } from '@/lib/syncs/runtime';

export async function replayFromDashboard(projectId: string, syncId: string, request: ReplayRequest, now = Date.now()): Promise<{ queued: number }> {
  const sync = await getSync(projectId, syncId);
  if (sync.status === 'DRY_RUN') {
    throw new AppError('sync_dry_run', 409, 'This sync is a dry run and sends nothing: enable it first, then replay.');
  }
  if (sync.status !== 'ENABLED') {
    throw new AppError('sync_disabled', 409, 'This sync is disabled: enable it first, then replay.');
  }
  if (sync.pausedReason) {
    const reason = sync.pausedReason.trim().replace(/([^.!?])$/, '$1.');
    throw new AppError('sync_paused', 409, `This sync is paused: ${reason} Fix its credentials and save it, then replay.`);
  }
  const delay = Math.max(0, sync.updatedAt.getTime() + SETTINGS_CACHE_MS + 500 - now);
  const selection: ReplaySelection = { syncId, ...request };
  return replayDeadLetters(selection, (jobs) => addDeliverJobsToPartitions(jobs.map((j) => ({ ...j, opts: { ...j.opts, delay } }))));
}
