/**
 * What a sync is doing, as the dashboard says it: sending (Enabled), switched off by a person
 * (Disabled), or stopped by the system because Braze refused its credentials (Paused).
 */
export type SyncState = 'enabled' | 'disabled' | 'paused';

export function syncStateOf(sync: { status: 'ENABLED' | 'DISABLED'; pausedReason: string | null }): SyncState {
  if (sync.status === 'DISABLED') return 'disabled';
  return sync.pausedReason ? 'paused' : 'enabled';
}
