/**
 * Whether a sync's health is worth an alert now. The receiver last heard `alertedState`; a new
 * state is announced at once, a recovery only once it held for the hold time, and any state at
 * most once per sync per repeat window, so a flapping sync does not flood anyone. A sync first
 * seen healthy or paused (just created, or disabled from the start) is no news: that state is
 * taken as known without sending. A dry run is a person's choice, not news: it is never announced,
 * and the receiver's last known state stays as it was, so coming back from it alerts only on a
 * real change.
 */
import type { HealthState } from '@/lib/health-states/health-state';

export type AlertDecision = 'send' | 'baseline' | 'none';

export interface AlertRules {
  recoveryHoldMs: number;
  repeatMs: number;
}

export function decideAlert(
  health: { state: HealthState; since: Date; alertedState: HealthState | null },
  lastSentAt: Date | undefined,
  now: Date,
  rules: AlertRules,
): AlertDecision {
  if (health.state === health.alertedState || health.state === 'dry_run') return 'none';
  if (health.alertedState === null && (health.state === 'healthy' || health.state === 'paused')) return 'baseline';
  if (health.state === 'healthy' && now.getTime() - health.since.getTime() < rules.recoveryHoldMs) return 'none';
  if (lastSentAt && now.getTime() - lastSentAt.getTime() < rules.repeatMs) return 'none';
  return 'send';
}
