import { describe, expect, it } from 'vitest';
import { findUserProperty, MISSING, readEventProperty, readUserProperty, type SourceEvent } from '@/lib/braze/source-event';

const event: SourceEvent = {
  event_type: 'Checkout',
  time: 0,
  event_properties: { price: 9.99, coupon: null, gone: undefined },
  user_properties: { plan: 'flat', $set: { plan: 'set', tier: 'gold' } },
};

describe('readUserProperty', () => {
  it.each([
    ['the flat key before $set', 'plan', { found: true, value: 'flat' }],
    ['a key only inside $set', 'tier', { found: true, value: 'gold' }],
    ['a missing key', 'city', { found: false }],
    ['a prototype name', 'constructor', { found: false }],
    ['__proto__', '__proto__', { found: false }],
  ])('reads %s', (_name, key, expected) => {
    expect(readUserProperty(event, key)).toEqual(expected);
  });

  it('finds a user property named __proto__ only when it is an own key', () => {
    const user_properties = JSON.parse('{"__proto__": "p", "$set": {"constructor": "c"}}') as Record<string, unknown>;
    expect(readUserProperty({ ...event, user_properties }, '__proto__')).toEqual({ found: true, value: 'p' });
    expect(readUserProperty({ ...event, user_properties }, 'constructor')).toEqual({ found: true, value: 'c' });
  });

  it.each([
    ['no user properties', undefined],
    ['an array', ['plan'] as unknown as Record<string, unknown>],
    ['a class instance', new Map([['plan', 'x']]) as unknown as Record<string, unknown>],
    ['a $set that is not an object', { $set: 'plan' }],
  ])('finds nothing in %s', (_name, user_properties) => {
    expect(readUserProperty({ ...event, user_properties }, 'plan')).toEqual({ found: false });
  });

  it('agrees with findUserProperty, which returns MISSING for a miss', () => {
    for (const key of ['plan', 'tier', 'city', 'constructor', '$set']) {
      const value = findUserProperty(event, key);
      expect(readUserProperty(event, key)).toEqual(value === MISSING ? { found: false } : { found: true, value });
    }
  });
});

describe('readEventProperty', () => {
  it.each([
    ['a value', 'price', { found: true, value: 9.99 }],
    ['null', 'coupon', { found: true, value: null }],
    ['an own undefined', 'gone', { found: true, value: undefined }],
    ['a missing key', 'nope', { found: false }],
    ['a prototype name', 'toString', { found: false }],
  ])('reads %s', (_name, key, expected) => {
    expect(readEventProperty(event, key)).toEqual(expected);
  });

  it('accepts event properties without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(readEventProperty({ ...event, event_properties: bare }, 'a')).toEqual({ found: true, value: 1 });
  });
});
