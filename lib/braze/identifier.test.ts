import { describe, expect, it } from 'vitest';
import type { IdentifierMapping } from '@/lib/braze/config-schemas';
import { resolveIdentifier } from '@/lib/braze/identifier';
import type { SourceEvent } from '@/lib/braze/source-event';

const event: SourceEvent = {
  event_type: 'Purchase',
  time: 0,
  user_id: 'user-1',
  device_id: 'device-9',
  user_properties: { plan: 'pro', crm_id: 1234, blank: '  ', flag: true, $set: { email: 'a@example.com', plan: 'ignored' } },
};

describe('resolveIdentifier', () => {
  it.each<[string, IdentifierMapping, unknown]>([
    ['user_id as external_id', { property: 'user_id', type: 'external_id' }, { external_id: 'user-1' }],
    ['device_id as braze_id', { property: 'device_id', type: 'braze_id' }, { braze_id: 'device-9' }],
    ['user property as external_id', { property: 'plan', type: 'external_id' }, { external_id: 'pro' }],
    ['numeric user property, stringified', { property: 'crm_id', type: 'external_id' }, { external_id: '1234' }],
    ['user property inside $set', { property: 'email', type: 'email' }, { email: 'a@example.com' }],
    [
      'user_id as a user alias',
      { property: 'user_id', type: 'user_alias', aliasLabel: 'amplitude_id' },
      { user_alias: { alias_name: 'user-1', alias_label: 'amplitude_id' } },
    ],
    ['flat property before $set', { property: 'plan', type: 'email' }, { email: 'pro' }],
  ])('%s', (_name, mapping, expected) => {
    expect(resolveIdentifier(event, mapping)).toEqual(expected);
  });

  it.each<[string, SourceEvent, IdentifierMapping]>([
    ['absent user_id', { event_type: 'e', time: 0 }, { property: 'user_id', type: 'external_id' }],
    ['empty user_id', { event_type: 'e', time: 0, user_id: '' }, { property: 'user_id', type: 'external_id' }],
    ['blank user property', event, { property: 'blank', type: 'external_id' }],
    ['boolean user property', event, { property: 'flag', type: 'external_id' }],
    ['missing user property', event, { property: 'nope', type: 'external_id' }],
    ['prototype member name', event, { property: 'constructor', type: 'external_id' }],
    ['no user_properties at all', { event_type: 'e', time: 0 }, { property: 'plan', type: 'external_id' }],
    ['alias without a label', event, { property: 'user_id', type: 'user_alias', aliasLabel: ' ' }],
    ['non-finite number', { event_type: 'e', time: 0, user_properties: { id: Number.NaN } }, { property: 'id', type: 'external_id' }],
  ])('null for %s', (_name, source, mapping) => {
    expect(resolveIdentifier(source, mapping)).toBeNull();
  });

  it('keeps the value exactly, since Braze matches IDs and alias names case- and space-sensitively', () => {
    expect(resolveIdentifier({ event_type: 'e', time: 0, user_id: ' Ab ' }, { property: 'user_id', type: 'external_id' })).toEqual({
      external_id: ' Ab ',
    });
  });
});
