import { describe, expect, it } from 'vitest';
import { matchesObject } from '@/lib/pipeline/deliver/delivery-log';

const purchase = { external_id: 'u-1', product_id: 'sku-9', price: 4, currency: 'USD', time: '2026-01-02T03:04:05Z' };
const event = { external_id: 'u-1', name: 'Signed Up', time: '2026-01-02T03:04:05Z' };
// A custom attribute that happens to be named like a purchase's field.
const attributes = { external_id: 'u-1', product_id: 'sku-9', name: 'Signed Up' };

describe('delivery log search by event name', () => {
  it.each([
    ['a purchase by its product id', purchase, 'purchases', 'sku-9', true],
    ['a purchase as "purchase"', purchase, 'purchases', 'purchase', true],
    ['a purchase as "Purchases"', purchase, 'purchases', 'Purchases', true],
    ['a purchase by another product id', purchase, 'purchases', 'sku-1', false],
    ['an event by its name', event, 'events', 'Signed Up', true],
    ['an event as "purchase"', event, 'events', 'purchase', false],
    ['a user update by a custom attribute', attributes, 'attributes', 'sku-9', false],
  ] as const)('finds %s: %s', (_what, object, array, name, found) => {
    expect(matchesObject(object, { eventType: name }, array)).toBe(found);
  });

  it('still narrows a purchase by its user', () => {
    expect(matchesObject(purchase, { eventType: 'sku-9', userId: 'u-1' }, 'purchases')).toBe(true);
    expect(matchesObject(purchase, { eventType: 'sku-9', userId: 'u-2' }, 'purchases')).toBe(false);
  });
});
