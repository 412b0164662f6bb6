import { describe, expect, it } from 'vitest';
import { syncStateOf } from '@/lib/syncs/sync-state';

describe('syncStateOf', () => {
  it.each([
    [{ status: 'ENABLED', pausedReason: null }, 'enabled'],
    [{ status: 'ENABLED', pausedReason: 'Braze answered 401' }, 'paused'],
    [{ status: 'DISABLED', pausedReason: null }, 'disabled'],
    [{ status: 'DISABLED', pausedReason: 'Braze answered 401' }, 'disabled'],
  ] as const)('%o is %s', (sync, state) => {
    expect(syncStateOf(sync)).toBe(state);
  });
});
