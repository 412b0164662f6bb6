/**
 * An order event ("Order Completed" and the like) with a `products` array, in the property names
 * of the common e-commerce tracking plans (Segment / RudderStack spec: `order_id`, `total`,
 * `revenue`, `discount`, products with `product_id` or `sku`, `name`, `variant`, `price`,
 * `quantity`), which Amplitude users send through `track()`.
 */
import { isPlainObject } from '@/lib/braze/json';
import type { RevenueMapping } from '@/lib/braze/revenue/mapping';
import type { OrderExtras, OrderLine, ReadOrder, RevenueSourceEvent } from '@/lib/braze/revenue/order';
import { isRefund, readCurrency, readOrderId, readSource } from '@/lib/braze/revenue/order-context';
import { readFirst, readNumber, readQuantity, readText, roundMoney } from '@/lib/braze/revenue/read-values';

type Line = { ok: true; line: OrderLine } | { ok: false; reason: string };

function readLine(raw: unknown, index: number): Line {
  const where = `products[${index}]`;
  if (!isPlainObject(raw)) return { ok: false, reason: `${where} is not an object` };
  const productId = readText(readFirst(raw, ['product_id', 'productId', 'sku', 'id']));
  if (!productId) return { ok: false, reason: `${where} has no product_id (or sku), which Braze requires` };
  const price = readNumber(readFirst(raw, ['price']));
  if (price === undefined || price === null) return { ok: false, reason: `${where} has no numeric price, which Braze requires` };
  const quantity = readQuantity(readFirst(raw, ['quantity']), where);
  if (!quantity.ok) return quantity;
  const imageUrl = readText(readFirst(raw, ['image_url', 'imageUrl']));
  const productUrl = readText(readFirst(raw, ['product_url', 'url']));
  return {
    ok: true,
    line: {
      productId,
      productName: readText(readFirst(raw, ['product_name', 'name'])) ?? productId,
      variantId: readText(readFirst(raw, ['variant_id', 'variant'])) ?? productId,
      quantity: quantity.quantity,
      price,
      ...(imageUrl ? { imageUrl } : {}),
      ...(productUrl ? { productUrl } : {}),
    },
  };
}

function readExtras(properties: Record<string, unknown>): OrderExtras {
  const cartId = readText(readFirst(properties, ['cart_id', 'cartId', 'checkout_id']));
  const numbers = {
    subtotal_value: readNumber(readFirst(properties, ['subtotal', 'subtotal_value'])),
    tax: readNumber(readFirst(properties, ['tax'])),
    shipping: readNumber(readFirst(properties, ['shipping'])),
    total_discounts: readNumber(readFirst(properties, ['discount', 'total_discounts'])),
  };
  const given = Object.entries(numbers).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  return { ...(cartId ? { cart_id: cartId } : {}), ...Object.fromEntries(given) };
}

export function readProductsOrder(event: RevenueSourceEvent, products: unknown[], mapping: RevenueMapping): ReadOrder {
  const where = `order "${event.event_type}":`;
  if (products.length === 0) return { found: true, ok: false, reason: `${where} its products array is empty; Braze requires at least one product` };
  const lines: OrderLine[] = [];
  for (const [index, raw] of products.entries()) {
    const read = readLine(raw, index);
    if (!read.ok) return { found: true, ok: false, reason: `${where} ${read.reason}` };
    lines.push(read.line);
  }
  const properties = event.event_properties ?? {};
  const rawTotal = readFirst(properties, ['total', 'revenue', 'value', 'total_value']) ?? event.revenue;
  const given = readNumber(rawTotal);
  if (given === null) return { found: true, ok: false, reason: `${where} total ${JSON.stringify(rawTotal)} is not a number` };
  const total = roundMoney(given ?? lines.reduce((sum, line) => sum + line.price * line.quantity, 0));
  const currency = readCurrency(event, mapping);
  if (!currency.ok) return { found: true, ok: false, reason: `${where} ${currency.reason}` };
  const revenueType = readText(readFirst(properties, ['revenueType', 'revenue_type', '$revenueType'])) ?? readText(event.revenueType);
  return {
    found: true,
    ok: true,
    order: {
      orderId: readOrderId(event, lines[0]!.productId),
      currency: currency.currency,
      total,
      refund: isRefund(total, revenueType, mapping),
      ...(revenueType ? { revenueType } : {}),
      source: readSource(event),
      lines,
      extras: readExtras(properties),
    },
  };
}
