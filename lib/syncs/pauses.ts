/**
 * Pausing and resuming syncs by the system. A paused sync sends nothing and its events wait,
 * queued (lib/pipeline/deliver/held-jobs), until it resumes:
 * - BRAZE: Braze answered 401, 403 or 404 (key, permission, endpoint). It resumes when a person
 *   saves the sync (a new key) or enables it again (lib/syncs/repository).
 * - CONFIGURATION: this installation cannot send for it (lib/syncs/sync-credentials). It resumes
 *   by itself once the configuration is fixed: every worker re-checks these syncs when it starts.
 */
import { prisma } from '@/lib/db/prisma';
import type { SyncPauseCause } from '@/lib/generated/prisma/client';
import { openSyncCredentials } from '@/lib/syncs/sync-credentials';

/**
 * Pauses a sync that is not paused already (the first reason stands), judged on the settings
 * saved at `savedAt` (ms): if they were saved again since (a new key), the new ones get their
 * own chance, rather than a worker's cached view of the old ones undoing the fix.
 */
export async function pauseSync(id: string, reason: string, cause: SyncPauseCause, savedAt: number): Promise<void> {
  await prisma().sync.updateMany({
    where: { id, pausedReason: null, updatedAt: new Date(savedAt) },
    data: { pausedReason: reason, pauseCause: cause, pausedAt: new Date() },
  });
}

/**
 * Resumes the syncs paused for configuration that this process's configuration now allows; a
 * sync still not allowed keeps its pause, with the reason brought up to date. Returns the names
 * of the syncs resumed.
 */
export async function resumeConfigurationPauses(): Promise<string[]> {
  const rows = await prisma().sync.findMany({
    where: { pauseCause: 'CONFIGURATION' },
    select: { id: true, name: true, pausedReason: true, brazeEndpoint: true, restApiKeyCipher: true },
  });
  const resumed: string[] = [];
  for (const row of rows) {
    const credentials = openSyncCredentials(row);
    if (!credentials.ok && credentials.problem === row.pausedReason) continue;
    // Only if nobody changed the sync meanwhile (a save or another worker got there first).
    const unchanged = { id: row.id, pauseCause: 'CONFIGURATION' as const, pausedReason: row.pausedReason, restApiKeyCipher: row.restApiKeyCipher };
    const data = credentials.ok ? { pausedReason: null, pauseCause: null, pausedAt: null } : { pausedReason: credentials.problem };
    const { count } = await prisma().sync.updateMany({ where: unchanged, data });
    if (credentials.ok && count > 0) resumed.push(row.name);
  }
  return resumed;
}

/** Whether a sync still may not send, read from the database (not the worker's settings cache). */
export async function isSyncPaused(id: string): Promise<boolean> {
  const row = await prisma().sync.findUnique({ where: { id }, select: { status: true, pausedReason: true } });
  // A disabled or deleted sync's jobs are handed back too: delivery drops them.
  return row !== null && row.status === 'ENABLED' && row.pausedReason !== null;
}
