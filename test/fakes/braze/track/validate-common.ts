import { isPlainObject } from '@/test/fakes/braze/json-values';
import { isValidEmail, pickIdentifier } from '@/test/fakes/braze/track/identifiers';
import { inspectJson, MAX_OBJECT_BYTES, MAX_STRING_LENGTH } from '@/test/fakes/braze/track/inspect-json';
import {
  INVALID_EMAIL,
  INVALID_USER_ALIAS,
  invalidField,
  invalidPropertyKey,
  MISSING_IDENTIFIER,
  requiredField,
  tooLargeObject,
  tooLongString,
} from '@/test/fakes/braze/track/minor-errors';
import { parseBrazeTime } from '@/test/fakes/braze/track/parse-braze-time';
import type { JsonObject } from '@/test/fakes/braze/types';

// Checks shared by attribute, event and purchase objects. Each returns the minor error text
// of the first failure, or null.

/** Identifier present (braze-api.md §2.2), a well-formed email, a boolean update-only flag. */
export function findUserError(object: JsonObject): string | null {
  if (!pickIdentifier(object)) return 'user_alias' in object ? INVALID_USER_ALIAS : MISSING_IDENTIFIER;
  if ('email' in object && object.email !== null && !(typeof object.email === 'string' && isValidEmail(object.email))) {
    return INVALID_EMAIL;
  }
  if ('_update_existing_only' in object && typeof object._update_existing_only !== 'boolean') {
    return invalidField('_update_existing_only');
  }
  return null;
}

/** Values a check parsed on its way, kept so applying the object need not parse them again. */
export interface ParsedFields {
  time?: number;
}

export function findTimeError(object: JsonObject, parsed: ParsedFields): string | null {
  if (object.time === undefined || object.time === null) return requiredField('time');
  const time = typeof object.time === 'string' ? parseBrazeTime(object.time) : null;
  if (time === null) return invalidField('time');
  parsed.time = time;
  return null;
}

export function findRequiredStringError(object: JsonObject, field: string): string | null {
  const value = object[field];
  if (value === undefined || value === null || value === '') return requiredField(field);
  if (typeof value !== 'string' || value.length > MAX_STRING_LENGTH) return invalidField(field);
  return null;
}

// Reserved or malformed property keys (braze-api.md §2.6).
const RESERVED_PROPERTY_KEYS = new Set(['time', 'event_name']);

export function findPropertiesError(object: JsonObject): string | null {
  const properties = object.properties;
  if (properties === undefined) return null;
  if (!isPlainObject(properties)) return invalidField('properties');
  for (const key of Object.keys(properties)) {
    if (!key || key.startsWith('$') || RESERVED_PROPERTY_KEYS.has(key) || key.length > MAX_STRING_LENGTH) {
      return invalidPropertyKey(key);
    }
  }
  return findOversizeError('properties', properties);
}

/** Strings of at most 255 characters and at most 100 KB in all (braze-api.md §2.5, §2.6). */
export function findOversizeError(field: string, value: unknown): string | null {
  const shape = inspectJson(value);
  if (shape.hasLongString) return tooLongString(field);
  if (shape.approxBytes > MAX_OBJECT_BYTES) return tooLargeObject(field);
  return null;
}
