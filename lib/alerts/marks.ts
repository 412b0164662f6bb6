/**
 * What alerts announced: per sync the last announced state (sync_health.alerted_state) and per
 * sync and state when it was last sent (sync_health_alerts), for de-duplication.
 */
import { prisma } from '@/lib/db/prisma';
import type { HealthState } from '@/lib/health-states/health-state';
import { fromDbState, toDbState } from '@/lib/health-states/store';

export async function loadLastAlerts(syncIds: string[]): Promise<Map<string, Map<HealthState, Date>>> {
  const rows = await prisma().syncHealthAlert.findMany({ where: { syncId: { in: syncIds } } });
  const bySync = new Map<string, Map<HealthState, Date>>();
  for (const row of rows) {
    const states = bySync.get(row.syncId) ?? new Map<HealthState, Date>();
    states.set(fromDbState(row.state), row.sentAt);
    bySync.set(row.syncId, states);
  }
  return bySync;
}

/** Records `state` as what the receiver knows; `sent` when an alert actually said it. */
export async function markAnnounced(syncId: string, state: HealthState, at: Date, sent: boolean): Promise<void> {
  const db = toDbState(state);
  await prisma().$transaction([
    prisma().syncHealth.update({ where: { syncId }, data: { alertedState: db } }),
    ...(sent
      ? [prisma().syncHealthAlert.upsert({ where: { syncId_state: { syncId, state: db } }, create: { syncId, state: db, sentAt: at }, update: { sentAt: at } })]
      : []),
  ]);
}
