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

  it('keeps selection order, event properties first, and skips repeated names', () => {
    const result = selectProperties(event, { eventProperties: ['price', 'plan', 'price'], userProperties: ['tier', 'city'] });
    expect(JSON.stringify(result.properties)).toBe('{"price":9.99,"plan":"event-plan","tier":"gold","city":"Oslo"}');
    expect(result.issues).toEqual([]);
  });

  it('reports a user property selected twice as a collision with itself, as before', () => {
    const result = selectProperties(event, { eventProperties: [], userProperties: ['city', 'city'] });
    expect(result.properties).toEqual({ city: 'Oslo' });
    expect(result.issues).toEqual([{ key: 'city', action: 'dropped', reason: 'name_collision', detail: expect.any(String) }]);
  });

  it('selects properties named like Object members as own keys, without touching the prototype', () => {
    const source: SourceEvent = {
      event_type: 'Checkout',
      time: 0,
      event_properties: JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c"}') as Record<string, unknown>,
      user_properties: JSON.parse('{"__proto__": "user", "toString": "t"}') as Record<string, unknown>,
    };
    const result = selectProperties(source, { eventProperties: ['__proto__', 'constructor'], userProperties: ['__proto__', 'toString'] });
    const { properties } = result;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.keys(properties)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(JSON.stringify(properties)).toBe('{"__proto__":{"polluted":true},"constructor":"c","toString":"t"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.issues).toEqual([{ key: '__proto__', action: 'dropped', reason: 'name_collision', detail: expect.any(String) }]);
  });

  it.each([
    ['an array', ['price'] as unknown as Record<string, unknown>],
    ['a class instance', new Map([['price', 1]]) as unknown as Record<string, unknown>],
    ['nothing', undefined],
  ])('reads no event properties from %s', (_name, event_properties) => {
    const result = selectProperties({ ...event, event_properties }, { eventProperties: ['price', '0'], userProperties: ['plan'] });
    expect(result).toEqual({ properties: { plan: 'user-plan' }, issues: [] });
  });
});

