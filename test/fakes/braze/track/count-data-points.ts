import { countNestedKeys } from '@/test/fakes/braze/json-values';
import { FREE_FIELDS, isDataKey, STANDARD_FIELDS } from '@/test/fakes/braze/profiles/attribute-fields';
import { classifyAttributeValue } from '@/test/fakes/braze/track/attribute-value';
import type { UserIdentifier } from '@/test/fakes/braze/track/identifiers';
import type { JsonObject } from '@/test/fakes/braze/types';

// The billing meter (braze-api.md §8, §10.9). Braze charges every write at face value, unchanged
// values included, so nothing here looks at the profile's current state.

export function countAttributeDataPoints(attributes: JsonObject, identifier: UserIdentifier | null): number {
  let points = 0;
  for (const [key, value] of Object.entries(attributes)) {
    // The email or phone that names the user is an identifier, and identifiers are free.
    if (!isDataKey(key) || FREE_FIELDS.has(key) || key === identifier?.kind) continue;
    points += countChangePoints(key, value);
  }
  return points;
}

function countChangePoints(key: string, value: unknown): number {
  const change = classifyAttributeValue(value);
  switch (change.kind) {
    // An incremental add costs one point per value; remove is counted the same way (assumed).
    case 'array-ops':
      return change.add.length + change.remove.length;
    // Nested objects cost one point per key (braze-api.md §8 "Special cases").
    case 'nested':
      return STANDARD_FIELDS.has(key) ? 1 : Math.max(1, countNestedKeys(change.value));
    case 'object-array-ops':
      return Math.max(1, countNestedKeys(change.add) + change.remove.length + change.update.length);
    default:
      // set (a whole array included), null and inc are one write each.
      return 1;
  }
}

export const EVENT_DATA_POINTS = 1;

/** Braze records a purchase of quantity X as X purchases (braze-api.md §2.7). */
export function countPurchaseDataPoints(purchase: JsonObject): number {
  return typeof purchase.quantity === 'number' ? purchase.quantity : 1;
}
