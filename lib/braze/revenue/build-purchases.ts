/**
 * Legacy Braze purchases (braze-api.md §2.7): one purchase object per product line, `price` the
 * unit price, `quantity` 1–100. A line of more than 100 units becomes several objects of at most
 * 100, which Braze records exactly as one line would be (X purchases of quantity 1).
 *
 * Refund policy: a purchase cannot be taken back in Braze, and a negative purchase would count as
 * one more purchase of the product. So a refund is sent as a custom event under the source
 * event's name, with `order_id`, `refund_amount` (positive), `currency`, `product_ids` and
 * `revenue_type`, which segments and Canvases can act on, and no purchase is recorded.
 */
import { buildBrazeEvent, type BuildEventOptions } from '@/lib/braze/event';
import type { RevenueOrder, RevenueSourceEvent } from '@/lib/braze/revenue/order';
import { roundMoney } from '@/lib/braze/revenue/read-values';
import type { BrazeEventObject } from '@/lib/braze/types';

/** Braze's cap on one purchase object's quantity (braze-api.md §2.7). */
export const MAX_PURCHASE_QUANTITY = 100;
/** Braze's cap on `product_id` (braze-api.md §2.7). */
export const MAX_PRODUCT_ID_LENGTH = 255;

export type BuiltRevenueObject = { array: 'events' | 'purchases'; object: Record<string, unknown> };
export type BuiltRevenue = { ok: true; objects: BuiltRevenueObject[] } | { ok: false; reason: string };

function splitQuantity(quantity: number): number[] {
  const parts: number[] = [];
  for (let left = quantity; left > 0; left -= MAX_PURCHASE_QUANTITY) parts.push(Math.min(left, MAX_PURCHASE_QUANTITY));
  return parts;
}

function refundEvent(event: RevenueSourceEvent, order: RevenueOrder, options: BuildEventOptions): BuiltRevenue {
  const properties = {
    ...options.properties,
    order_id: order.orderId,
    refund_amount: roundMoney(Math.abs(order.total)),
    currency: order.currency,
    product_ids: order.lines.map((line) => line.productId),
    ...(order.revenueType ? { revenue_type: order.revenueType } : {}),
  };
  const built = buildBrazeEvent(event, { ...options, properties });
  return built.ok ? { ok: true, objects: [{ array: 'events', object: built.event }] } : built;
}

export function buildPurchases(event: RevenueSourceEvent, order: RevenueOrder, options: BuildEventOptions): BuiltRevenue {
  if (order.refund) return refundEvent(event, order, options);
  const tooLong = order.lines.find((line) => line.productId.length > MAX_PRODUCT_ID_LENGTH);
  if (tooLong) return { ok: false, reason: `purchase product_id is longer than Braze's ${MAX_PRODUCT_ID_LENGTH} characters` };
  // The event builder checks the time and applies Braze's property rules, which purchases share.
  const base = buildBrazeEvent(event, options);
  if (!base.ok) return base;
  const { name: _name, ...common } = base.event as BrazeEventObject & Record<string, unknown>;
  const objects = order.lines.flatMap((line) =>
    splitQuantity(line.quantity).map((quantity) => ({
      array: 'purchases' as const,
      object: { ...common, product_id: line.productId, currency: order.currency, price: line.price, quantity },
    })),
  );
  return { ok: true, objects };
}
