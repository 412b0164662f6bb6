/** Sync health as the management API answers it: per sync of the project, its state, since when and why. */
import { prisma } from '@/lib/db/prisma';
import type { HealthState } from '@/lib/health-states/health-state';
import { fromDbState } from '@/lib/health-states/store';

export interface SyncHealthView {
  syncId: string;
  state: HealthState;
  since: string;
  reason: string;
}

export async function listProjectHealth(projectId: string): Promise<SyncHealthView[]> {
  const rows = await prisma().syncHealth.findMany({ where: { sync: { projectId } }, select: { syncId: true, state: true, since: true, reason: true } });
  return rows.map((r) => ({ syncId: r.syncId, state: fromDbState(r.state), since: r.since.toISOString(), reason: r.reason }));
}
