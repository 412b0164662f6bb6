import { INVALID_QUANTITY, invalidField, requiredField } from '@/test/fakes/braze/track/minor-errors';
import {
  findPropertiesError,
  findRequiredStringError,
  findTimeError,
  findUserError,
  type ParsedFields,
} from '@/test/fakes/braze/track/validate-common';
import { findAppIdError } from '@/test/fakes/braze/track/validate-event';
import type { JsonObject } from '@/test/fakes/braze/types';

// Purchase rules (braze-api.md §2.7).
const CURRENCY_CODE = /^[A-Za-z]{3}$/; // ISO 4217 alphabetic
const MAX_QUANTITY = 100;

/** Minor error of a purchase object, or null when it is valid. */
export function findPurchaseError(purchase: JsonObject, parsed: ParsedFields): string | null {
  return (
    findUserError(purchase) ??
    findRequiredStringError(purchase, 'product_id') ??
    findCurrencyError(purchase) ??
    findPriceError(purchase) ??
    findQuantityError(purchase) ??
    findTimeError(purchase, parsed) ??
    findAppIdError(purchase) ??
    findPropertiesError(purchase)
  );
}

function findCurrencyError(purchase: JsonObject): string | null {
  if (purchase.currency === undefined || purchase.currency === null) return requiredField('currency');
  return typeof purchase.currency === 'string' && CURRENCY_CODE.test(purchase.currency) ? null : invalidField('currency');
}

function findPriceError(purchase: JsonObject): string | null {
  if (purchase.price === undefined || purchase.price === null) return requiredField('price');
  return typeof purchase.price === 'number' && Number.isFinite(purchase.price) ? null : invalidField('price');
}

function findQuantityError(purchase: JsonObject): string | null {
  const { quantity } = purchase;
  if (quantity === undefined) return null;
  const valid = typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY;
  return valid ? null : INVALID_QUANTITY;
}
