import type { SourceEvent } from '@/lib/braze/source-event';

/**
 * An Amplitude event with the revenue fields of the HTTP V2 API (top-level `price`, `quantity`,
 * `revenue`, `productId`, `revenueType`, `currency`) and the fields an order id and source are
 * read from. The SDKs' `revenue_amount` events carry the same fields as `$`-event properties.
 */
export type RevenueSourceEvent = SourceEvent & {
  price?: number;
  quantity?: number;
  revenue?: number;
  productId?: string;
  revenueType?: string;
  currency?: string;
  insert_id?: string;
  platform?: string;
};

/** One product line of an order, amounts as the source gave them (negative on a refund). */
export interface OrderLine {
  productId: string;
  productName: string;
  variantId: string;
  quantity: number;
  /** Unit price. */
  price: number;
  imageUrl?: string;
  productUrl?: string;
}

/** Optional order fields of Braze's order events that an order event may carry. */
export interface OrderExtras {
  cart_id?: string;
  subtotal_value?: number;
  tax?: number;
  shipping?: number;
  total_discounts?: number;
}

/** Revenue read from one event, whatever its shape: what every builder of this folder starts from. */
export interface RevenueOrder {
  orderId: string;
  /** ISO 4217, upper case. */
  currency: string;
  /** Signed: negative for money paid back. */
  total: number;
  /** A negative total or a configured refund `revenueType`. */
  refund: boolean;
  revenueType?: string;
  /** Where the order came from (Braze's `source`): the event's `source` property, else its platform. */
  source: string;
  lines: OrderLine[];
  extras: OrderExtras;
}

export type ReadOrder =
  | { found: false }
  | { found: true; ok: true; order: RevenueOrder }
  | { found: true; ok: false; reason: string };
