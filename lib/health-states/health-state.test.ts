import { describe, expect, it } from 'vitest';
import { judgeHealth, type HealthInput } from '@/lib/health-states/health-state';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const quiet = { delivered: 0, failed: 0, retried: 0 };
const base: HealthInput = {
  sync: { status: 'ENABLED', pausedReason: null },
  recent: quiet,
  window: quiet,
  backlog: { objects: 0, oldestAt: null },
  recentWindowMs: 60_000,
  windowMs: 300_000,
  now: NOW,
};

describe('judgeHealth', () => {
  it.each<[string, Partial<HealthInput>, string, RegExp]>([
    ['a quiet sync', {}, 'healthy', /normally/],
    ['a sync delivering', { recent: { delivered: 50, failed: 0, retried: 0 }, window: { delivered: 500, failed: 0, retried: 0 } }, 'healthy', /normally/],
    ['exactly 1% failed', { window: { delivered: 99, failed: 1, retried: 0 } }, 'healthy', /normally/],
    ['a disabled sync, even while failing', { sync: { status: 'DISABLED', pausedReason: null }, recent: { delivered: 0, failed: 3, retried: 9 } }, 'paused', /Disabled/],
    ['a dry run, which sends nothing', { sync: { status: 'DRY_RUN', pausedReason: null } }, 'dry_run', /Dry run: the sync measures what it would send/],
    ['a sync paused by the system', { sync: { status: 'ENABLED', pausedReason: 'Braze answered 401' } }, 'paused', /Paused by the system: Braze answered 401/],
    ['every recent request retried', { recent: { delivered: 0, failed: 0, retried: 75 } }, 'failing', /every Braze request failed \(75 objects retried\)/],
    ['every recent object refused', { recent: { delivered: 0, failed: 4, retried: 0 } }, 'failing', /\(4 failed for good\)/],
    ['an old backlog and nothing delivered', { backlog: { objects: 120, oldestAt: NOW - 5 * 60_000 } }, 'failing', /120 objects wait \(the oldest for 5 min\)/],
    ['a young backlog', { backlog: { objects: 120, oldestAt: NOW - 5_000 } }, 'healthy', /normally/],
    ['an old backlog draining', { recent: { delivered: 10, failed: 0, retried: 0 }, backlog: { objects: 120, oldestAt: NOW - 5 * 60_000 } }, 'healthy', /normally/],
    ['over 1% failed in the window', { recent: { delivered: 10, failed: 0, retried: 0 }, window: { delivered: 98, failed: 2, retried: 0 } }, 'degraded', /2\.0% of objects failed in the last 5 min \(2 of 100\)/],
    ['retries while delivering', { recent: { delivered: 10, failed: 0, retried: 3 } }, 'degraded', /being retried \(3 objects in the last 60 s\)/],
  ])('%s', (_name, input, state, reason) => {
    const verdict = judgeHealth({ ...base, ...input });
    expect(verdict.state).toBe(state);
    expect(verdict.reason).toMatch(reason);
  });
});
