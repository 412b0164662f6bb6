/**
 * A sync's health as the worker judges it from the delivery metrics every worker records:
 * healthy; degraded (Braze requests are being retried, or more than 1% of objects failed over
 * the failure window); failing (nothing delivered in the recent window while every request
 * failed or a backlog waited); paused (stopped by the system, or disabled by a person); dry run
 * (a person chose to measure without sending: a deliberate state, never alerted on).
 * Pure: the evaluator gathers the figures, this decides.
 */
import type { SyncStatusName } from '@/lib/syncs/sync-state';

export const HEALTH_STATES = ['healthy', 'degraded', 'failing', 'paused', 'dry_run'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** Over this share of objects failed in the failure window, a sync is degraded. */
export const DEGRADED_FAILURE_RATE = 0.01;

/** Objects delivered, failed for good (refused or expired) and retried over a window. */
export interface Activity {
  delivered: number;
  failed: number;
  retried: number;
}

export interface HealthInput {
  sync: { status: SyncStatusName; pausedReason: string | null };
  recent: Activity;
  window: Activity;
  /** Objects queued for delivery, and when the oldest of them was queued (ms). */
  backlog: { objects: number; oldestAt: number | null };
  recentWindowMs: number;
  windowMs: number;
  now: number;
}

export interface HealthVerdict {
  state: HealthState;
  reason: string;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
const minutes = (ms: number) => (ms < 120_000 ? seconds(ms) : `${Math.round(ms / 60_000)} min`);

const countsOf = ({ retried, failed }: Activity) =>
  [retried > 0 ? `${retried} objects retried` : '', failed > 0 ? `${failed} failed for good` : ''].filter(Boolean).join(', ');

export function judgeHealth({ sync, recent, window, backlog, recentWindowMs, windowMs, now }: HealthInput): HealthVerdict {
  if (sync.status === 'DISABLED') return { state: 'paused', reason: 'Disabled: the sync sends nothing until it is enabled.' };
  if (sync.status === 'DRY_RUN') return { state: 'dry_run', reason: 'Dry run: the sync measures what it would send and sends nothing.' };
  if (sync.pausedReason) return { state: 'paused', reason: `Paused by the system: ${sync.pausedReason}` };
  if (recent.delivered === 0 && recent.retried + recent.failed > 0) {
    return {
      state: 'failing',
      reason: `Nothing was delivered in the last ${minutes(recentWindowMs)}: every Braze request failed (${countsOf(recent)}).`,
    };
  }
  const waitedMs = backlog.oldestAt === null ? 0 : now - backlog.oldestAt;
  if (recent.delivered === 0 && backlog.objects > 0 && waitedMs > recentWindowMs) {
    return {
      state: 'failing',
      reason: `Nothing was delivered in the last ${minutes(recentWindowMs)} while ${backlog.objects} objects wait (the oldest for ${minutes(waitedMs)}).`,
    };
  }
  const total = window.delivered + window.failed;
  if (total > 0 && window.failed / total > DEGRADED_FAILURE_RATE) {
    const percent = ((window.failed / total) * 100).toFixed(1);
    return { state: 'degraded', reason: `${percent}% of objects failed in the last ${minutes(windowMs)} (${window.failed} of ${total}).` };
  }
  if (recent.retried > 0) {
    return { state: 'degraded', reason: `Braze requests are being retried (${recent.retried} objects in the last ${minutes(recentWindowMs)}).` };
  }
  return { state: 'healthy', reason: 'Delivering normally.' };
}
