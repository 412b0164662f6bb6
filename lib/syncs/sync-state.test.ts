import { describe, expect, it } from 'vitest';
import { describePause, statusOf, syncStateOf } from '@/lib/syncs/sync-state';

describe('syncStateOf', () => {
  it.each([
    [{ status: 'ENABLED', pausedReason: null }, 'enabled'],
    [{ status: 'ENABLED', pausedReason: 'Braze answered 401' }, 'paused'],
    [{ status: 'DISABLED', pausedReason: null }, 'disabled'],
    [{ status: 'DISABLED', pausedReason: 'Braze answered 401' }, 'disabled'],
    [{ status: 'DRY_RUN', pausedReason: null }, 'dry_run'],
  ] as const)('%o is %s', (sync, state) => {
    expect(syncStateOf(sync)).toBe(state);
  });
});

describe('statusOf', () => {
  it.each([
    [{ enabled: true }, 'ENABLED'],
    [{ enabled: false }, 'DISABLED'],
    [{}, 'DISABLED'],
    [{ enabled: false, dryRun: true }, 'DRY_RUN'],
  ] as const)('%o is stored as %s', (choice, status) => {
    expect(statusOf(choice)).toBe(status);
  });
});

describe('describePause', () => {
  it.each([
    ['BRAZE', /Braze refused/, /Save/],
    [null, /Braze refused/, /Save/],
    ['CONFIGURATION', /configuration does not let this sync send/, /restarted, the sync resumes by itself/],
  ] as const)('explains a %s pause and how it resumes, its events waiting', (cause, lead, remedy) => {
    const said = describePause(cause);
    expect(said.lead).toMatch(lead);
    expect(said.remedy).toMatch(remedy);
    expect(said.remedy).toMatch(/events wait, queued/);
  });
});
