import { describe, expect, it } from 'vitest';
import { identifierMappingSchema, trackBatchModeSchema } from '@/lib/braze/config-schemas';

describe('identifierMappingSchema', () => {
  it.each([
    { property: 'user_id', type: 'external_id' },
    { property: 'device_id', type: 'braze_id', aliasLabel: 'kept for the form' },
    { property: 'email', type: 'email' },
    { property: 'user_id', type: 'user_alias', aliasLabel: 'amplitude_user' },
  ])('accepts %j', (mapping) => {
    expect(identifierMappingSchema.safeParse(mapping).success).toBe(true);
  });

  it.each([
    ['alias without a label', { property: 'user_id', type: 'user_alias' }],
    ['alias with a blank label', { property: 'user_id', type: 'user_alias', aliasLabel: '  ' }],
    ['empty property', { property: '', type: 'external_id' }],
    ['phone is not a mapping type', { property: 'phone', type: 'phone' }],
  ])('refuses %s', (_name, mapping) => {
    expect(identifierMappingSchema.safeParse(mapping).success).toBe(false);
  });
});

describe('trackBatchModeSchema', () => {
  it.each(['combined75', 'legacy75each', 'mau50', { combined: 20 }])('accepts %j', (mode) => {
    expect(trackBatchModeSchema.safeParse(mode).success).toBe(true);
  });

  it.each(['combined', { combined: 0 }, { combined: 2.5 }, { combined: 5000 }])('refuses %j', (mode) => {
    expect(trackBatchModeSchema.safeParse(mode).success).toBe(false);
  });
});
