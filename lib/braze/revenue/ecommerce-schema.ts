/**
 * The properties of Braze's order events as Braze documents them
 * (https://www.braze.com/docs/user_guide/data/activation/events/recommended_events, eCommerce:
 * `ecommerce.order_placed`, `ecommerce.order_refunded`). Braze checks these on arrival and
 * refuses an event that misses a required field, so we check before sending. Strings follow the
 * 255-character rule of event properties (braze-api.md §2.6).
 */
import { z } from 'zod';
import { CURRENCY_CODE } from '@/lib/braze/revenue/mapping';

export const ORDER_PLACED_EVENT = 'ecommerce.order_placed';
export const ORDER_REFUNDED_EVENT = 'ecommerce.order_refunded';

const text = z.string().min(1).max(255);
const money = z.number().finite();

export const ecommerceProductSchema = z.strictObject({
  product_id: text,
  product_name: text,
  variant_id: text,
  quantity: z.int().min(1),
  price: money.min(0),
  image_url: text.optional(),
  product_url: text.optional(),
});

/** Shared by order_placed and order_refunded; a refund carries the amount paid back, as a positive number. */
export const ecommerceOrderSchema = z.strictObject({
  order_id: text,
  total_value: money.min(0),
  currency: z.string().regex(CURRENCY_CODE, 'ISO 4217 alphabetic code'),
  products: z.array(ecommerceProductSchema).min(1),
  source: text,
  cart_id: text.optional(),
  subtotal_value: money.optional(),
  tax: money.optional(),
  shipping: money.optional(),
  total_discounts: money.optional(),
  metadata: z.record(z.string(), z.json()).optional(),
});

export type EcommerceOrderProperties = z.infer<typeof ecommerceOrderSchema>;
