/**
 * Amplitude revenue of one product: the HTTP V2 top-level fields, or the `$`-properties the SDKs'
 * `revenue()` call puts on a `revenue_amount` event. Amplitude's rule decides the amount: price ×
 * quantity when a price is given, else `revenue` (https://amplitude.com/docs/apis/analytics/http-v2).
 */
import type { RevenueMapping } from '@/lib/braze/revenue/mapping';
import type { ReadOrder, RevenueSourceEvent } from '@/lib/braze/revenue/order';
import { isRefund, readCurrency, readOrderId, readSource } from '@/lib/braze/revenue/order-context';
import { readFirst, readNumber, readQuantity, readText, roundMoney } from '@/lib/braze/revenue/read-values';

/** The event type of the SDKs' `revenue()` call. */
export const SDK_REVENUE_EVENT = 'revenue_amount';

function field(event: RevenueSourceEvent, top: unknown, property: string): unknown {
  return top ?? readFirst(event.event_properties, [property]);
}

/** Whether the event carries Amplitude revenue at all. */
export function hasRevenueFields(event: RevenueSourceEvent): boolean {
  if (event.event_type === SDK_REVENUE_EVENT) return true;
  return field(event, event.price, '$price') !== undefined || field(event, event.revenue, '$revenue') !== undefined;
}

export function readRevenueEvent(event: RevenueSourceEvent, mapping: RevenueMapping): ReadOrder {
  const where = `revenue of "${event.event_type}":`;
  const rawPrice = field(event, event.price, '$price');
  const rawRevenue = field(event, event.revenue, '$revenue');
  const price = readNumber(rawPrice);
  const revenue = readNumber(rawRevenue);
  if (price === null) return { found: true, ok: false, reason: `${where} price ${JSON.stringify(rawPrice)} is not a number` };
  if (revenue === null) return { found: true, ok: false, reason: `${where} revenue ${JSON.stringify(rawRevenue)} is not a number` };
  if (price === undefined && revenue === undefined) return { found: true, ok: false, reason: `${where} it has neither a price nor a revenue amount` };
  const quantity = readQuantity(field(event, event.quantity, '$quantity'), where);
  if (!quantity.ok) return { found: true, ok: false, reason: quantity.reason };
  const currency = readCurrency(event, mapping);
  if (!currency.ok) return { found: true, ok: false, reason: `${where} ${currency.reason}` };
  const count = quantity.quantity;
  const total = roundMoney(price !== undefined ? price * count : revenue!);
  const unit = roundMoney(price ?? revenue! / count);
  // Braze requires a product id; revenue without one is named after its event, as Amplitude lists it.
  const productId = readText(field(event, event.productId, '$productId')) ?? event.event_type;
  const revenueType = readText(field(event, event.revenueType, '$revenueType'));
  const product = event.event_properties ?? {};
  return {
    found: true,
    ok: true,
    order: {
      orderId: readOrderId(event, productId),
      currency: currency.currency,
      total,
      refund: isRefund(total, revenueType, mapping),
      ...(revenueType ? { revenueType } : {}),
      source: readSource(event),
      lines: [{
        productId,
        productName: readText(readFirst(product, ['product_name', '$productName'])) ?? productId,
        variantId: readText(readFirst(product, ['variant_id', '$variantId'])) ?? productId,
        quantity: count,
        price: unit,
      }],
      extras: {},
    },
  };
}
