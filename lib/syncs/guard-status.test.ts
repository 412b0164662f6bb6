import { describe, expect, it } from 'vitest';
import { attributeGuardStatusOf, objectLimitSwitchOf, stricterObjectLimitMode } from '@/lib/syncs/guard-status';

describe('object limit switch', () => {
  it('steps to the stricter mode: 75 per array → 75 combined → 50 combined → none', () => {
    expect(stricterObjectLimitMode('legacy75each')).toBe('combined75');
    expect(stricterObjectLimitMode('combined75')).toBe('mau50');
    expect(stricterObjectLimitMode('mau50')).toBeNull();
  });

  it('is shown only while the sync still has the mode it switched to', () => {
    const at = new Date('2026-12-06T10:00:00Z');
    expect(objectLimitSwitchOf({ objectLimitMode: 'mau50', objectLimitSwitchedAt: at, objectLimitSwitchedFrom: 'combined75' })).toEqual({
      from: 'combined75', to: 'mau50', at: '2026-12-06T10:00:00.000Z',
    });
    // Chosen again by a person since: no longer the system's doing.
    expect(objectLimitSwitchOf({ objectLimitMode: 'combined75', objectLimitSwitchedAt: at, objectLimitSwitchedFrom: 'combined75' })).toBeNull();
    expect(objectLimitSwitchOf({ objectLimitMode: 'mau50', objectLimitSwitchedAt: null, objectLimitSwitchedFrom: null })).toBeNull();
  });
});

describe('attribute guard status', () => {
  it('names the mode once judged', () => {
    const at = new Date('2026-12-06T10:00:00Z');
    expect(attributeGuardStatusOf({ attributeGuardMode: 'first_type', attributeGuardCheckedAt: at })).toEqual({ mode: 'first_type', checkedAt: at.toISOString() });
    expect(attributeGuardStatusOf({ attributeGuardMode: null, attributeGuardCheckedAt: null })).toBeNull();
  });
});
