/**
 * Sync health in the Prometheus exposition: `braze_sync_health{sync_id, state}`, 1 for the state
 * the worker last judged and 0 for the others, so `braze_sync_health{state="failing"} == 1`
 * is an alerting rule as it stands.
 */
import { Gauge, type Registry } from 'prom-client';
import { HEALTH_STATES, type HealthState } from '@/lib/health-states/health-state';
import { loadSyncHealth } from '@/lib/health-states/store';

export interface SyncHealthGauge {
  syncId: string;
  state: HealthState;
}

export function addSyncHealthMetrics(registry: Registry, health: readonly SyncHealthGauge[]): void {
  const gauge = new Gauge({
    name: 'braze_sync_health',
    help: 'Health of each sync as the worker last judged it: 1 for the current state (healthy, degraded, failing, paused, dry_run), 0 for the others.',
    labelNames: ['sync_id', 'state'],
    registers: [registry],
  });
  for (const h of health) for (const state of HEALTH_STATES) gauge.set({ sync_id: h.syncId, state }, h.state === state ? 1 : 0);
}

export async function loadHealthGauges(): Promise<SyncHealthGauge[]> {
  return [...(await loadSyncHealth()).values()].map((h) => ({ syncId: h.syncId, state: h.state }));
}
