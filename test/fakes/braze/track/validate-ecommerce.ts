/**
 * Braze's eCommerce recommended events are custom events whose properties Braze checks against a
 * fixed schema on arrival (https://www.braze.com/docs/user_guide/data/activation/events/recommended_events,
 * braze-api.md §2.7): an event missing a required field, or holding one of the wrong type, is
 * refused. Written from the docs' property tables, independently of the product's own builder.
 */
import { isPlainObject } from '@/test/fakes/braze/json-values';
import type { JsonObject } from '@/test/fakes/braze/types';

type Kind = 'string' | 'number' | 'integer' | 'object' | 'string[]';
type Field = { kind: Kind; required: boolean };
type Shape = Record<string, Field>;

const req = (kind: Kind): Field => ({ kind, required: true });
const opt = (kind: Kind): Field => ({ kind, required: false });

const PRODUCT: Shape = {
  product_id: req('string'),
  product_name: req('string'),
  variant_id: req('string'),
  quantity: req('integer'),
  price: req('number'),
  image_url: opt('string'),
  product_url: opt('string'),
  metadata: opt('object'),
};

const ORDER: Shape = {
  order_id: req('string'),
  total_value: req('number'),
  currency: req('string'),
  source: req('string'),
  cart_id: opt('string'),
  subtotal_value: opt('number'),
  tax: opt('number'),
  shipping: opt('number'),
  total_discounts: opt('number'),
  metadata: opt('object'),
};

/** Event name → its top-level properties, and whether it carries a `products` array of PRODUCT. */
const SCHEMAS: Record<string, { shape: Shape; products: boolean }> = {
  'ecommerce.product_viewed': {
    shape: {
      product_id: req('string'), product_name: req('string'), variant_id: req('string'), price: req('number'),
      currency: req('string'), source: req('string'), image_url: opt('string'), product_url: opt('string'),
      type: opt('string[]'), metadata: opt('object'),
    },
    products: false,
  },
  'ecommerce.cart_updated': {
    shape: { cart_id: req('string'), total_value: req('number'), currency: req('string'), source: req('string'), action: opt('string'), metadata: opt('object') },
    products: true,
  },
  'ecommerce.checkout_started': {
    shape: { checkout_id: req('string'), total_value: req('number'), currency: req('string'), source: req('string'), cart_id: opt('string'), metadata: opt('object') },
    products: true,
  },
  'ecommerce.order_placed': { shape: ORDER, products: true },
  'ecommerce.order_cancelled': { shape: { ...ORDER, cancel_reason: opt('string') }, products: true },
  'ecommerce.order_refunded': { shape: { ...ORDER, reason: opt('string') }, products: true },
};

const CURRENCY = /^[A-Z]{3}$/;

const KIND_WORDS: Record<Kind, string> = {
  string: 'a non-empty string',
  number: 'a number',
  integer: 'an integer',
  object: 'an object',
  'string[]': 'an array of strings',
};

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.length > 0;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'object':
      return isPlainObject(value);
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

function findShapeError(name: string, object: JsonObject, shape: Shape, prefix: string): string | null {
  for (const [key, field] of Object.entries(shape)) {
    const value = object[key];
    if (value === undefined || value === null) {
      if (field.required) return `${name}: '${prefix}${key}' is required`;
      continue;
    }
    if (!hasKind(value, field.kind)) return `${name}: '${prefix}${key}' must be ${KIND_WORDS[field.kind]}`;
  }
  return null;
}

/** The schema error of a recommended event, or null when it is valid or no recommended event. */
export function findEcommerceError(event: JsonObject): string | null {
  const name = typeof event.name === 'string' ? event.name : '';
  const schema = Object.hasOwn(SCHEMAS, name) ? SCHEMAS[name]! : null;
  if (!schema) return null;
  const properties = event.properties;
  if (!isPlainObject(properties)) return `${name}: 'properties' is required`;
  const error = findShapeError(name, properties, schema.shape, '');
  if (error) return error;
  if (typeof properties.currency === 'string' && !CURRENCY.test(properties.currency)) return `${name}: 'currency' must be an ISO 4217 code`;
  if (!schema.products) return null;
  const products = properties.products;
  if (!Array.isArray(products) || products.length === 0) return `${name}: 'products' must be a non-empty array`;
  for (const [index, product] of products.entries()) {
    if (!isPlainObject(product)) return `${name}: 'products[${index}]' must be an object`;
    const productError = findShapeError(name, product, PRODUCT, `products[${index}].`);
    if (productError) return productError;
    if ((product.quantity as number) < 1) return `${name}: 'products[${index}].quantity' must be at least 1`;
  }
  return null;
}
