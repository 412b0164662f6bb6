import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBraze } from '@/test/fakes/braze/server';
import { event, getAdmin, track } from '@/test/fakes/braze/test-support';
import type { FakeBraze } from '@/test/fakes/braze/types';

const product = { product_id: 'sku-1', product_name: 'Shirt', variant_id: 'blue-m', quantity: 1, price: 10 };
const order = { order_id: 'o-1', total_value: 10, currency: 'USD', products: [product], source: 'web' };

function placed(properties: Record<string, unknown>) {
  return event('ecommerce.order_placed', { properties });
}

const REFUSED: { name: string; object: Record<string, unknown>; type: string }[] = [
  { name: 'no properties', object: event('ecommerce.order_placed'), type: "ecommerce.order_placed: 'properties' is required" },
  { name: 'no order_id', object: placed({ ...order, order_id: undefined }), type: "ecommerce.order_placed: 'order_id' is required" },
  { name: 'total_value as a string', object: placed({ ...order, total_value: '10' }), type: "ecommerce.order_placed: 'total_value' must be a number" },
  { name: 'no source', object: placed({ ...order, source: undefined }), type: "ecommerce.order_placed: 'source' is required" },
  { name: 'currency not ISO 4217', object: placed({ ...order, currency: 'usd' }), type: "ecommerce.order_placed: 'currency' must be an ISO 4217 code" },
  { name: 'empty products', object: placed({ ...order, products: [] }), type: "ecommerce.order_placed: 'products' must be a non-empty array" },
  { name: 'product without variant_id', object: placed({ ...order, products: [{ ...product, variant_id: undefined }] }), type: "ecommerce.order_placed: 'products[0].variant_id' is required" },
  { name: 'fractional quantity', object: placed({ ...order, products: [{ ...product, quantity: 1.5 }] }), type: "ecommerce.order_placed: 'products[0].quantity' must be an integer" },
  { name: 'refund without products', object: event('ecommerce.order_refunded', { properties: { ...order, products: undefined } }), type: "ecommerce.order_refunded: 'products' must be a non-empty array" },
  { name: 'product viewed without price', object: event('ecommerce.product_viewed', { properties: { product_id: 'a', product_name: 'b', variant_id: 'c', currency: 'USD', source: 'web' } }), type: "ecommerce.product_viewed: 'price' is required" },
];

describe('eCommerce recommended events', () => {
  let fake: FakeBraze;
  beforeAll(async () => {
    fake = await startFakeBraze();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it.each(REFUSED)('refuses an event with $name as Braze does', async ({ object, type }) => {
    const result = await track(fake, { events: [placed(order), object] });
    expect(result.body).toEqual({ message: 'success', events_processed: 1, errors: [{ type, input_array: 'events', index: 1 }] });
  });

  it('records a valid order_placed and refund with their optional fields, and leaves other custom events alone', async () => {
    const refunded = event('ecommerce.order_refunded', { properties: { ...order, reason: 'damaged', metadata: { revenue_type: 'refund' } } });
    const full = placed({ ...order, cart_id: 'c-1', tax: 1, shipping: 2, total_discounts: 0, subtotal_value: 7 });
    const result = await track(fake, { events: [full, refunded, event('ecommerce.unknown_thing'), event('Order Completed')] });
    expect(result.body).toEqual({ message: 'success', events_processed: 4 });
    const recorded = (await getAdmin(fake, 'events')).body as { object: { name: string } }[];
    expect(recorded.map((r) => r.object.name)).toEqual(['ecommerce.order_placed', 'ecommerce.order_refunded', 'ecommerce.unknown_thing', 'Order Completed']);
  });
});
