/**
 * The health of every sync as last judged (table sync_health): state, since when, and why. Only
 * the evaluator writes state, since and reason; alerts record what they announced beside them.
 */
import { prisma } from '@/lib/db/prisma';
import type { SyncHealthState as DbHealthState } from '@/lib/generated/prisma/enums';
import type { HealthState, HealthVerdict } from '@/lib/health-states/health-state';

export interface SyncHealth {
  syncId: string;
  state: HealthState;
  since: Date;
  reason: string;
  /** The state the last alert announced; null before the first. */
  alertedState: HealthState | null;
}

export const toDbState = (state: HealthState) => state.toUpperCase() as DbHealthState;
export const fromDbState = (state: DbHealthState) => state.toLowerCase() as HealthState;

type Row = { syncId: string; state: DbHealthState; since: Date; reason: string; alertedState: DbHealthState | null };

const toHealth = (row: Row): SyncHealth => ({
  syncId: row.syncId,
  state: fromDbState(row.state),
  since: row.since,
  reason: row.reason,
  alertedState: row.alertedState ? fromDbState(row.alertedState) : null,
});

export async function loadSyncHealth(syncIds?: string[]): Promise<Map<string, SyncHealth>> {
  const rows = await prisma().syncHealth.findMany({ where: syncIds ? { syncId: { in: syncIds } } : undefined });
  return new Map(rows.map((r) => [r.syncId, toHealth(r)]));
}

/** Stores a verdict: a new state starts now, the same state keeps its start and takes the new reason. */
export async function recordVerdict(syncId: string, before: SyncHealth | undefined, verdict: HealthVerdict, now: Date): Promise<SyncHealth> {
  if (before?.state === verdict.state) {
    if (before.reason === verdict.reason) return before;
    await prisma().syncHealth.update({ where: { syncId }, data: { reason: verdict.reason, updatedAt: now } });
    return { ...before, reason: verdict.reason };
  }
  const data = { state: toDbState(verdict.state), since: now, reason: verdict.reason, updatedAt: now };
  const row = await prisma().syncHealth.upsert({ where: { syncId }, create: { syncId, ...data }, update: data });
  return toHealth(row);
}
