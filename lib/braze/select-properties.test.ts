import { describe, expect, it } from 'vitest';
import { selectProperties } from '@/lib/braze/select-properties';
import type { SourceEvent } from '@/lib/braze/source-event';

const event: SourceEvent = {
  event_type: 'Checkout',
  time: 0,
  event_properties: { price: 9.99, plan: 'event-plan', coupon: null },
  user_properties: { plan: 'user-plan', city: 'Oslo', $set: { tier: 'gold' } },
};

describe('selectProperties', () => {
  it.each([
    ['nothing selected', { eventProperties: [], userProperties: [] }, {}],
    ['event properties only', { eventProperties: ['price'], userProperties: [] }, { price: 9.99 }],
    ['user properties only', { eventProperties: [], userProperties: ['city'] }, { city: 'Oslo' }],
    ['user property from $set', { eventProperties: [], userProperties: ['tier'] }, { tier: 'gold' }],
    ['both kinds', { eventProperties: ['price'], userProperties: ['city'] }, { price: 9.99, city: 'Oslo' }],
    ['missing names are skipped', { eventProperties: ['nope'], userProperties: ['none'] }, {}],
    ['null values pass through for the rules to judge', { eventProperties: ['coupon'], userProperties: [] }, { coupon: null }],
    ['prototype names are not read', { eventProperties: ['constructor'], userProperties: ['toString'] }, {}],
  ])('%s', (_name, selection, expected) => {
    expect(selectProperties(event, selection)).toEqual({ properties: expected, issues: [] });
  });

  it('keeps the event property on a name collision and reports the user property', () => {
    const result = selectProperties(event, { eventProperties: ['plan'], userProperties: ['plan', 'city'] });
    expect(result.properties).toEqual({ plan: 'event-plan', city: 'Oslo' });
    expect(result.issues).toEqual([{ key: 'plan', action: 'dropped', reason: 'name_collision', detail: expect.any(String) }]);
  });

  it('uses the user property when the event does not carry the same name', () => {
    const result = selectProperties({ ...event, event_properties: {} }, { eventProperties: ['plan'], userProperties: ['plan'] });
    expect(result).toEqual({ properties: { plan: 'user-plan' }, issues: [] });
  });
});
