import { isDataKey } from '@/test/fakes/braze/profiles/attribute-fields';
import { classifyAttributeValue } from '@/test/fakes/braze/track/attribute-value';
import { MAX_STRING_LENGTH } from '@/test/fakes/braze/track/inspect-json';
import { invalidField, tooLongString } from '@/test/fakes/braze/track/minor-errors';
import { findOversizeError, findUserError } from '@/test/fakes/braze/track/validate-common';
import { findSubscriptionError, SUBSCRIPTION_FIELDS } from '@/test/fakes/braze/track/validate-subscriptions';
import type { JsonObject } from '@/test/fakes/braze/types';

/** Minor error of an attributes object, or null when it is valid (braze-api.md §2.4, §2.5). */
export function findAttributesError(attributes: JsonObject): string | null {
  const userError = isPushTokenImport(attributes) ? null : findUserError(attributes);
  if (userError) return userError;
  if ('_merge_objects' in attributes && typeof attributes._merge_objects !== 'boolean') {
    return invalidField('_merge_objects');
  }
  const subscriptionError = findSubscriptionError(attributes);
  if (subscriptionError) return subscriptionError;
  for (const [key, value] of Object.entries(attributes)) {
    if (!isDataKey(key) || SUBSCRIPTION_FIELDS.has(key)) continue;
    const error = findAttributeValueError(key, value);
    if (error) return error;
  }
  return null;
}

/** Anonymous push token import needs no identifier (braze-api.md §2.4). */
export function isPushTokenImport(attributes: JsonObject): boolean {
  return attributes.push_token_import === true && Array.isArray(attributes.push_tokens);
}

function findAttributeValueError(key: string, value: unknown): string | null {
  const change = classifyAttributeValue(value);
  switch (change.kind) {
    case 'invalid':
      return invalidField(key);
    case 'set':
      if (typeof value === 'string') return value.length > MAX_STRING_LENGTH ? tooLongString(key) : null;
      return Array.isArray(value) ? findOversizeError(key, value) : null;
    case 'nested':
      return findOversizeError(key, change.value);
    case 'array-ops':
      return findOversizeError(key, change.add);
    case 'object-array-ops':
      return findOversizeError(key, [change.add, change.update]);
    default:
      return null;
  }
}
