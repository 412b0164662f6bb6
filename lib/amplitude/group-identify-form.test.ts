import { describe, expect, it } from 'vitest';
import { parseGroupIdentifyForm } from '@/lib/amplitude/group-identify-form';

const NOW = 1_700_000_000_000;
const form = (identification: unknown) => new URLSearchParams({ api_key: 'key', identification: JSON.stringify(identification) });

describe('parseGroupIdentifyForm', () => {
  it('turns each identification into a $groupidentify event for its group', () => {
    const result = parseGroupIdentifyForm(form([{ group_type: 'org id', group_value: '42', group_properties: { $set: { plan: 'pro' } } }, { group_type: '__proto__', group_value: 'x', group_properties: { a: 1 } }]), { now: NOW });
    expect(result).toEqual({
      kind: 'accepted',
      apiKey: 'key',
      indexes: [0, 1],
      events: [
        { event_type: '$groupidentify', groups: { 'org id': '42' }, group_properties: { $set: { plan: 'pro' } }, time: NOW },
        { event_type: '$groupidentify', groups: Object.fromEntries([['__proto__', 'x']]), group_properties: { a: 1 }, time: NOW },
      ],
    });
  });

  it('lists every bad identification by index and field', () => {
    const long = 'x'.repeat(1025);
    const result = parseGroupIdentifyForm(form([{ group_type: 'org', group_value: '1', group_properties: {} }, 'x', { group_type: 'org', group_value: ['a'], group_properties: [] }, { group_type: long, group_value: '1', group_properties: {} }]), { now: NOW });
    expect(result).toMatchObject({
      kind: 'invalid-events',
      invalidIndexes: [1, 2, 3],
      body: { events_with_invalid_fields: { identification: [1], group_value: [2], group_properties: [2], group_type: [3] } },
    });
  });

  it('refuses more than 1024 identifications with 413, and a missing identification with missing_event', () => {
    const many = Array.from({ length: 1025 }, (_, i) => ({ group_type: 'org', group_value: String(i), group_properties: {} }));
    expect(parseGroupIdentifyForm(form(many), { now: NOW })).toMatchObject({ status: 413 });
    expect(parseGroupIdentifyForm(new URLSearchParams({ api_key: 'key' }), { now: NOW })).toMatchObject({ status: 400, body: { error: 'missing_event' } });
  });
});
