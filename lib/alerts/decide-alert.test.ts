import { describe, expect, it } from 'vitest';
import { decideAlert, type AlertDecision } from '@/lib/alerts/decide-alert';
import type { HealthState } from '@/lib/health-states/health-state';

const NOW = new Date(Date.UTC(2026, 11, 6, 12, 0, 0));
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);
const rules = { recoveryHoldMs: 60_000, repeatMs: 600_000 };

describe('decideAlert', () => {
  it.each<[string, HealthState, number, HealthState | null, number | undefined, AlertDecision]>([
    // name, state, held for (s), announced state, last alert of this state (s ago), decision
    ['a new failure', 'failing', 0, 'healthy', undefined, 'send'],
    ['a failure of a sync never announced', 'failing', 0, null, undefined, 'send'],
    ['a degraded sync getting worse', 'failing', 0, 'degraded', undefined, 'send'],
    ['a state already announced', 'failing', 900, 'failing', 900, 'none'],
    ['the same state again within the repeat window', 'degraded', 0, 'healthy', 120, 'none'],
    ['the same state again after the repeat window', 'degraded', 0, 'healthy', 601, 'send'],
    ['a recovery held for less than the hold time', 'healthy', 59, 'failing', undefined, 'none'],
    ['a recovery held for the hold time', 'healthy', 60, 'failing', undefined, 'send'],
    ['a recovery within the repeat window of the last one', 'healthy', 60, 'degraded', 300, 'none'],
    ['a sync first seen healthy', 'healthy', 0, null, undefined, 'baseline'],
    ['a sync first seen disabled', 'paused', 0, null, undefined, 'baseline'],
    ['a sync paused after it was healthy', 'paused', 0, 'healthy', undefined, 'send'],
    ['a sync switched to dry run after it was healthy', 'dry_run', 900, 'healthy', undefined, 'none'],
    ['a sync switched to dry run while failing', 'dry_run', 900, 'failing', 900, 'none'],
    ['a sync first seen in dry run', 'dry_run', 0, null, undefined, 'none'],
  ])('%s', (_name, state, heldFor, alertedState, lastSentAgo, decision) => {
    const last = lastSentAgo === undefined ? undefined : ago(lastSentAgo);
    expect(decideAlert({ state, since: ago(heldFor), alertedState }, last, NOW, rules)).toBe(decision);
  });
});
