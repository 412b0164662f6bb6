import { describe, expect, it } from 'vitest';
import { brazeIdentifierSchema, brazePurchaseObjectSchema, trackRequestSchema, trackResponseSchema } from '@/lib/braze/schemas';

describe('brazeIdentifierSchema', () => {
  it.each([{ external_id: 'u' }, { braze_id: 'b' }, { user_alias: { alias_name: 'n', alias_label: 'l' } }, { email: 'a@b.c' }, { phone: '+1' }])(
    'accepts %j',
    (identifier) => expect(brazeIdentifierSchema.safeParse(identifier).success).toBe(true),
  );

  it.each([{}, { external_id: '' }, { user_alias: { alias_name: 'n' } }, { user_id: 'u' }])('refuses %j', (identifier) => {
    expect(brazeIdentifierSchema.safeParse(identifier).success).toBe(false);
  });
});

describe('trackRequestSchema', () => {
  it('accepts the documented example shape', () => {
    const request = {
      attributes: [{ external_id: 'u', plan: 'pro', logins: { inc: 1 }, tags: { add: ['a'] }, old: null }],
      events: [{ external_id: 'u', name: 'Played', time: '2024-01-01T00:00:00.000Z', properties: { a: [1] } }],
      purchases: [{ email: 'a@b.c', product_id: 'p', currency: 'USD', price: 9.5, quantity: 2, time: '2024-01-01T00:00:00Z' }],
    };
    expect(trackRequestSchema.parse(request)).toEqual(request);
  });

  it.each([
    ['event without name', { events: [{ external_id: 'u', time: '2024-01-01T00:00:00Z' }] }],
    ['event without identifier', { events: [{ name: 'x', time: '2024-01-01T00:00:00Z' }] }],
    ['event with a bad time', { events: [{ external_id: 'u', name: 'x', time: 'yesterday' }] }],
  ])('refuses %s', (_name, request) => {
    expect(trackRequestSchema.safeParse(request).success).toBe(false);
  });

  it.each([0, 101, 1.5])('refuses purchase quantity %d', (quantity) => {
    const purchase = { external_id: 'u', product_id: 'p', currency: 'USD', price: 1, quantity, time: '2024-01-01T00:00:00Z' };
    expect(brazePurchaseObjectSchema.safeParse(purchase).success).toBe(false);
  });
});

describe('trackResponseSchema', () => {
  it('parses a success with minor errors', () => {
    const body = { message: 'success', events_processed: 2, errors: [{ type: 'bad', input_array: 'events', index: 1 }] };
    expect(trackResponseSchema.parse(body)).toEqual(body);
  });

  it('refuses an error with an unknown array', () => {
    expect(trackResponseSchema.safeParse({ message: 'success', errors: [{ type: 'x', input_array: 'users', index: 0 }] }).success).toBe(false);
  });
});
