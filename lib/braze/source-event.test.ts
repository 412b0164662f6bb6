import { describe, expect, it } from 'vitest';
import { findUserProperty, MISSING, type SourceEvent } from '@/lib/braze/source-event';

const event: SourceEvent = {
  event_type: 'Checkout',
  time: 0,
  user_properties: { plan: 'flat', gone: undefined, none: null, $set: { plan: 'set', tier: 'gold' } },
};

describe('findUserProperty', () => {
  it.each([
    ['the flat key before $set', 'plan', 'flat'],
    ['a key only inside $set', 'tier', 'gold'],
    ['null', 'none', null],
    ['an own undefined', 'gone', undefined],
    ['a missing key', 'city', MISSING],
    ['a prototype name', 'constructor', MISSING],
    ['__proto__', '__proto__', MISSING],
  ])('reads %s', (_name, key, expected) => {
    expect(findUserProperty(event, key)).toBe(expected);
  });

  it('finds a user property named __proto__ only when it is an own key', () => {
    const user_properties = JSON.parse('{"__proto__": "p", "$set": {"constructor": "c"}}') as Record<string, unknown>;
    expect(findUserProperty({ ...event, user_properties }, '__proto__')).toBe('p');
    expect(findUserProperty({ ...event, user_properties }, 'constructor')).toBe('c');
  });

  it.each([
    ['no user properties', undefined],
    ['an array', ['plan'] as unknown as Record<string, unknown>],
    ['a class instance', new Map([['plan', 'x']]) as unknown as Record<string, unknown>],
    ['a $set that is not an object', { $set: 'plan' }],
  ])('finds nothing in %s', (_name, user_properties) => {
    expect(findUserProperty({ ...event, user_properties }, 'plan')).toBe(MISSING);
  });

  it('accepts user properties without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { plan: 'bare' });
    expect(findUserProperty({ ...event, user_properties: bare }, 'plan')).toBe('bare');
  });
});
