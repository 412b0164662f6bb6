import { describe, expect, it } from 'vitest';
import { buildRevenueObjects, DEFAULT_REVENUE_MAPPING, type RevenueMapping } from '@/lib/braze/revenue';
import type { RevenueSourceEvent } from '@/lib/braze/revenue/order';

const TIME = Date.UTC(2026, 11, 6, 10, 0, 0);
const options = { identifier: { external_id: 'u1' }, appId: 'app-1' };
const ecommerce: RevenueMapping = DEFAULT_REVENUE_MAPPING;
const purchases: RevenueMapping = { ...DEFAULT_REVENUE_MAPPING, mode: 'purchases' };

function sdkRevenue(properties: Record<string, unknown>): RevenueSourceEvent {
  return { event_type: 'revenue_amount', time: TIME, user_id: 'u1', insert_id: 'ins-1', platform: 'Web', event_properties: properties };
}

const order: RevenueSourceEvent = {
  event_type: 'Order Completed',
  time: TIME,
  user_id: 'u1',
  insert_id: 'ins-2',
  event_properties: {
    order_id: 'o-1',
    total: 30,
    currency: 'eur',
    discount: 5,
    products: [
      { product_id: 'sku-1', name: 'Shirt', variant: 'blue-m', price: 10, quantity: 2 },
      { sku: 'sku-2', price: '15' },
    ],
  },
};

function objectsOf(event: RevenueSourceEvent, mapping: RevenueMapping, extra: Record<string, unknown> = {}) {
  const built = buildRevenueObjects(event, mapping, { ...options, properties: extra });
  if (!built?.ok) throw new Error(`expected objects, got ${JSON.stringify(built)}`);
  return built.objects;
}

describe('buildRevenueObjects: eCommerce recommended events', () => {
  it('makes an SDK revenue() event one ecommerce.order_placed with its product', () => {
    const [placed] = objectsOf(sdkRevenue({ $productId: 'plan-pro', $price: 9.99, $quantity: 3, $revenueType: 'subscription', $currency: 'usd' }), ecommerce);
    expect(placed).toEqual({
      array: 'events',
      object: {
        external_id: 'u1',
        app_id: 'app-1',
        name: 'ecommerce.order_placed',
        time: new Date(TIME).toISOString(),
        properties: {
          order_id: 'ins-1',
          total_value: 29.97,
          currency: 'USD',
          products: [{ product_id: 'plan-pro', product_name: 'plan-pro', variant_id: 'plan-pro', quantity: 3, price: 9.99 }],
          source: 'web',
          metadata: { revenue_type: 'subscription' },
        },
      },
    });
  });

  it('reads the HTTP V2 top-level revenue fields, revenue alone included', () => {
    const event: RevenueSourceEvent = { event_type: 'Upgrade', time: TIME, user_id: 'u1', revenue: 50, productId: 'p-9', quantity: 2 };
    const [placed] = objectsOf(event, ecommerce);
    expect(placed!.object).toMatchObject({
      name: 'ecommerce.order_placed',
      properties: { total_value: 50, currency: 'USD', source: 'server', products: [{ product_id: 'p-9', quantity: 2, price: 25 }] },
    });
  });

  it('makes an order event with products one order_placed with every line and the order extras', () => {
    const [placed] = objectsOf(order, ecommerce, { coupon: 'WINTER', $internal: 'dropped' });
    expect(placed!.object).toMatchObject({
      name: 'ecommerce.order_placed',
      properties: {
        order_id: 'o-1',
        total_value: 30,
        currency: 'EUR',
        total_discounts: 5,
        products: [
          { product_id: 'sku-1', product_name: 'Shirt', variant_id: 'blue-m', quantity: 2, price: 10 },
          { product_id: 'sku-2', product_name: 'sku-2', variant_id: 'sku-2', quantity: 1, price: 15 },
        ],
        metadata: { coupon: 'WINTER' },
      },
    });
  });

  it.each([
    ['a negative amount', sdkRevenue({ $productId: 'p', $price: -20 }), undefined],
    ['a configured refund revenueType', sdkRevenue({ $productId: 'p', $price: 20, $revenueType: 'Refund' }), 'Refund'],
  ])('sends %s as ecommerce.order_refunded with positive amounts', (_label, event, revenueType) => {
    const [refunded] = objectsOf(event, ecommerce);
    expect(refunded!.object).toMatchObject({
      name: 'ecommerce.order_refunded',
      properties: { total_value: 20, products: [{ product_id: 'p', price: 20, quantity: 1 }] },
    });
    expect((refunded!.object.properties as { metadata?: unknown }).metadata).toEqual(revenueType ? { revenue_type: revenueType } : undefined);
  });

  it('uses the configured currency property, then the default currency', () => {
    const mapping = { ...ecommerce, currencyProperty: 'shop_currency', defaultCurrency: 'GBP' };
    const [configured] = objectsOf(sdkRevenue({ $price: 1, shop_currency: 'CHF', $currency: 'USD' }), mapping);
    const [fallback] = objectsOf(sdkRevenue({ $price: 1 }), mapping);
    expect(configured!.object).toMatchObject({ properties: { currency: 'CHF' } });
    expect(fallback!.object).toMatchObject({ properties: { currency: 'GBP' } });
  });

  it('matches order event names ignoring case and spaces', () => {
    const [placed] = objectsOf({ ...order, event_type: ' order completed ' }, ecommerce);
    expect(placed!.object).toMatchObject({ name: 'ecommerce.order_placed' });
  });
});

describe('buildRevenueObjects: legacy purchases', () => {
  it('makes one purchase per product line with the selected properties', () => {
    const objects = objectsOf(order, purchases, { coupon: 'WINTER' });
    expect(objects).toEqual([
      { array: 'purchases', object: expect.objectContaining({ product_id: 'sku-1', currency: 'EUR', price: 10, quantity: 2, properties: { coupon: 'WINTER' } }) },
      { array: 'purchases', object: expect.objectContaining({ product_id: 'sku-2', currency: 'EUR', price: 15, quantity: 1 }) },
    ]);
    expect(objects[0]!.object).toMatchObject({ external_id: 'u1', app_id: 'app-1', time: new Date(TIME).toISOString() });
    expect(objects[0]!.object).not.toHaveProperty('name');
  });

  it('splits a line of more than 100 units into purchases of at most 100', () => {
    const objects = objectsOf(sdkRevenue({ $productId: 'bolt', $price: 0.5, $quantity: 250 }), purchases);
    expect(objects.map((o) => o.object.quantity)).toEqual([100, 100, 50]);
  });

  it('sends a refund as a custom event, never as a purchase', () => {
    const objects = objectsOf(sdkRevenue({ $productId: 'p', $price: -20, $revenueType: 'refund' }), purchases);
    expect(objects).toEqual([
      {
        array: 'events',
        object: expect.objectContaining({
          name: 'revenue_amount',
          properties: { order_id: 'ins-1', refund_amount: 20, currency: 'USD', product_ids: ['p'], revenue_type: 'refund' },
        }),
      },
    ]);
  });
});

describe('buildRevenueObjects: what is not revenue, or cannot be sent', () => {
  it('leaves events without revenue, and every event in events mode, to the plain event path', () => {
    expect(buildRevenueObjects({ event_type: 'Page Viewed', time: TIME, user_id: 'u1' }, ecommerce, options)).toBeNull();
    expect(buildRevenueObjects(order, { ...ecommerce, mode: 'events' }, options)).toBeNull();
    // An order event with neither products nor revenue describes no order: it stays a custom event.
    expect(buildRevenueObjects({ ...order, event_properties: { coupon: 'X' } }, ecommerce, options)).toBeNull();
  });

  it.each([
    ['a price that is no number', sdkRevenue({ $price: 'lots' }), /price "lots" is not a number/],
    ['neither price nor revenue', sdkRevenue({ $productId: 'p' }), /neither a price nor a revenue amount/],
    ['a fractional quantity', sdkRevenue({ $price: 2, $quantity: 1.5 }), /quantity 1.5 is not a whole number/],
    ['a zero quantity', sdkRevenue({ $price: 2, $quantity: 0 }), /quantity 0 is not a whole number/],
    ['a currency that is no ISO code', sdkRevenue({ $price: 2, $currency: 'dollars' }), /currency "dollars" is not a three-letter ISO 4217 code/],
    ['an empty products array', { ...order, event_properties: { products: [] } }, /products array is empty/],
    ['a product without id', { ...order, event_properties: { products: [{ price: 3 }] } }, /products\[0\] has no product_id/],
    ['a product without price', { ...order, event_properties: { products: [{ sku: 'a' }] } }, /products\[0\] has no numeric price/],
    ['a product name over 255 characters', { ...order, event_properties: { products: [{ sku: 'a', price: 1, name: 'n'.repeat(256) }] } }, /products\.0\.product_name/],
  ])('gives a reason for %s', (_label, event, reason) => {
    const built = buildRevenueObjects(event as RevenueSourceEvent, ecommerce, options);
    expect(built).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('refuses a purchase product_id longer than 255 characters', () => {
    const built = buildRevenueObjects(sdkRevenue({ $price: 1, $productId: 'p'.repeat(256) }), purchases, options);
    expect(built).toEqual({ ok: false, reason: expect.stringMatching(/product_id is longer than Braze's 255/) });
  });

  it('refuses an event time Braze cannot hold, in every mode', () => {
    for (const mapping of [ecommerce, purchases]) {
      const built = buildRevenueObjects({ ...sdkRevenue({ $price: 1 }), time: 9e15 }, mapping, options);
      expect(built).toEqual({ ok: false, reason: expect.stringMatching(/not a valid epoch-milliseconds/) });
    }
  });
});
