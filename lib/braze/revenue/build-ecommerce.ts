/**
 * One eCommerce recommended event per order: `ecommerce.order_placed`, or
 * `ecommerce.order_refunded` for a refund (amounts then given as what was paid back). Checked
 * against Braze's schema before sending; an order that cannot pass gets a reason instead.
 */
import { measureJsonBytes } from '@/lib/braze/json';
import { buildBrazeEvent, type BuildEventOptions, type BuiltEvent } from '@/lib/braze/event';
import { enforceEventPropertyRules, EVENT_PROPERTY_LIMITS } from '@/lib/braze/properties';
import {
  ecommerceOrderSchema,
  ORDER_PLACED_EVENT,
  ORDER_REFUNDED_EVENT,
  type EcommerceOrderProperties,
} from '@/lib/braze/revenue/ecommerce-schema';
import type { RevenueOrder, RevenueSourceEvent } from '@/lib/braze/revenue/order';
import { roundMoney } from '@/lib/braze/revenue/read-values';
import type { JsonValue } from '@/lib/braze/types';

function toProperties(order: RevenueOrder, metadata: Record<string, JsonValue>): EcommerceOrderProperties {
  const amount = (value: number) => (order.refund ? roundMoney(Math.abs(value)) : value);
  return {
    order_id: order.orderId,
    total_value: amount(order.total),
    currency: order.currency,
    products: order.lines.map((line) => ({
      product_id: line.productId,
      product_name: line.productName,
      variant_id: line.variantId,
      quantity: line.quantity,
      price: amount(line.price),
      ...(line.imageUrl ? { image_url: line.imageUrl } : {}),
      ...(line.productUrl ? { product_url: line.productUrl } : {}),
    })),
    source: order.source,
    ...order.extras,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

/**
 * `options.properties` (the sync's selected properties) ride along in `metadata` once Braze's
 * event-property rules are applied to them, with the Amplitude `revenueType`.
 */
export function buildEcommerceEvent(event: RevenueSourceEvent, order: RevenueOrder, options: BuildEventOptions): BuiltEvent {
  const name = order.refund ? ORDER_REFUNDED_EVENT : ORDER_PLACED_EVENT;
  const selected = enforceEventPropertyRules(options.properties ?? {}).properties;
  const metadata = { ...selected, ...(order.revenueType ? { revenue_type: order.revenueType } : {}) };
  const checked = ecommerceOrderSchema.safeParse(toProperties(order, metadata));
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return { ok: false, reason: `${name} would be refused by Braze: ${issue.path.join('.') || 'properties'}: ${issue.message}` };
  }
  const limit = EVENT_PROPERTY_LIMITS.maxBytesWithNestedValues;
  if (measureJsonBytes(checked.data) > limit) {
    return { ok: false, reason: `${name} properties exceed Braze's ${limit} bytes for properties with arrays or objects` };
  }
  // The envelope (identifier, time, flags) as every event's; the properties passed Braze's
  // schema and size rules above, so they are not checked a second time.
  const built = buildBrazeEvent({ ...event, event_type: name }, { ...options, properties: {} });
  return built.ok ? { ok: true, event: { ...built.event, properties: checked.data }, issues: [] } : built;
}
