/**
 * What a sync is doing, as the dashboard says it: sending (Enabled), switched off by a person
 * (Disabled), or stopped by the system because it cannot send (Paused): Braze refused its
 * credentials, or this installation's configuration does not allow it. A paused sync's events
 * wait, queued, and are sent once it resumes. A dry run (`dry_run`) runs its whole fan-out on
 * live traffic and sends nothing: what it would send is measured instead (lib/dry-run).
 */
export type SyncState = 'enabled' | 'disabled' | 'paused' | 'dry_run';

/** The stored status (the `SyncStatus` enum of prisma/schema.prisma). */
export type SyncStatusName = 'ENABLED' | 'DISABLED' | 'DRY_RUN';

/** The status the setup form's two choices name: a dry run sends nothing, whatever `enabled` says. */
export function statusOf(choice: { enabled?: boolean; dryRun?: boolean }): SyncStatusName {
  if (choice.dryRun) return 'DRY_RUN';
  return choice.enabled ? 'ENABLED' : 'DISABLED';
}

/** Why the system paused a sync (the `pauseCause` of lib/syncs/pauses). */
export type PauseCause = 'BRAZE' | 'CONFIGURATION';

export function syncStateOf(sync: { status: SyncStatusName; pausedReason: string | null }): SyncState {
  if (sync.status === 'DISABLED') return 'disabled';
  if (sync.status === 'DRY_RUN') return 'dry_run';
  return sync.pausedReason ? 'paused' : 'enabled';
}

/** How the UI explains a pause: who stopped it, and what makes it send again. */
export function describePause(cause: PauseCause | null): { lead: string; remedy: string } {
  if (cause === 'CONFIGURATION') {
    return {
      lead: "This server's configuration does not let this sync send",
      remedy: 'Its events wait, queued. Once the configuration is fixed and the product restarted, the sync resumes by itself and sends everything that waited.',
    };
  }
  return {
    lead: "Braze refused this sync's credentials",
    remedy: 'Its events wait, queued. Fix the REST API key or endpoint and Save (or enable the sync again): everything that waited is then sent, with no replay.',
  };
}
