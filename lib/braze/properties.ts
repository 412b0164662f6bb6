import { dropped } from '@/lib/braze/issues';
import { describeKind, measureJsonBytes, toJsonValue } from '@/lib/braze/json';
import { setOwn } from '@/lib/json/own-keys';
import type { BrazeProperties, JsonValue, PropertyIssue } from '@/lib/braze/types';

/** Event (and purchase) property limits, braze-api.md §2.6 (Braze "Event object" page). */
export const EVENT_PROPERTY_LIMITS = Object.freeze({
  maxKeyLength: 255,
  maxStringLength: 255,
  // "100 KB" for a properties object holding arrays or objects; counted as 100,000 bytes of
  // UTF-8 JSON so we stay under whichever KB Braze means.
  maxBytesWithNestedValues: 100_000,
});

// "Using them will result in API errors" (§2.6).
const RESERVED_EVENT_PROPERTY_KEYS: ReadonlySet<string> = new Set(['time', 'event_name']);

export type CheckedProperties = { properties: BrazeProperties; issues: PropertyIssue[] };

/**
 * Apply Braze's event-property rules before sending. Policy: an offending property is dropped
 * and reported, never repaired. Truncating a 300-character URL or renaming `$plan` to `plan`
 * would store a value nobody sent (and a renamed key can overwrite a real one), while a dropped
 * property is visible in the report. Braze may otherwise reject the whole event.
 */
export function enforceEventPropertyRules(input: Record<string, unknown>): CheckedProperties {
  const issues: PropertyIssue[] = [];
  const passed = copyIfAllPass(input, issues);
  if (passed) return { properties: passed, issues };
  const properties: BrazeProperties = {};
  let nested = false;
  for (const key in input) {
    if (!Object.hasOwn(input, key)) continue;
    const raw = input[key];
    const value = toJsonValue(raw);
    const problem = findEventPropertyProblem(key, raw, value);
    if (problem) issues.push(problem);
    else if (value !== undefined) {
      setOwn(properties, key, value);
      nested ||= isNested(value);
    }
  }
  // Without arrays or objects the size limit does not apply, so nothing needs measuring.
  return { properties: nested ? dropLargestNestedUntilWithinLimit(properties, issues) : properties, issues };
}

/**
 * The common case, for every event sent, of every property passing: the properties are then
 * `input` copied in one step (a spread copies the object's layout, where adding keys one by one
 * regrows it), with its arrays and objects replaced by their `toJsonValue` copies. Undefined
 * when a property has a problem, or `input` has symbol keys (which a spread would copy too).
 */
function copyIfAllPass(input: Record<string, unknown>, issues: PropertyIssue[]): BrazeProperties | undefined {
  if (Object.getOwnPropertySymbols(input).length > 0) return undefined;
  // Copied before checking, so each nested value is converted once and put in place.
  const properties = { ...input } as Record<string, unknown>;
  let nested = false;
  for (const key in properties) {
    if (!Object.hasOwn(properties, key)) continue;
    const raw = properties[key];
    const value = toJsonValue(raw);
    if (findEventPropertyProblem(key, raw, value)) return undefined;
    if (isNested(value!)) {
      setOwn(properties, key, value);
      nested = true;
    }
  }
  return nested ? dropLargestNestedUntilWithinLimit(properties as BrazeProperties, issues) : (properties as BrazeProperties);
}

/** `json` is `toJsonValue(value)`: undefined when JSON cannot carry the value. */
function findEventPropertyProblem(key: string, value: unknown, json: JsonValue | undefined): PropertyIssue | undefined {
  const limits = EVENT_PROPERTY_LIMITS;
  if (key === '') return dropped(key, 'empty_key', 'Braze event property keys must be non-empty');
  if (key.length > limits.maxKeyLength) {
    return dropped(key, 'key_too_long', `Braze event property keys are limited to ${limits.maxKeyLength} characters`);
  }
  if (key.startsWith('$')) return dropped(key, 'dollar_key', 'Braze event property keys must not start with "$"');
  if (RESERVED_EVENT_PROPERTY_KEYS.has(key)) {
    return dropped(key, 'reserved_key', `"${key}" is a reserved Braze event property key`);
  }
  // null is not among the value types Braze lists for event properties (§2.6).
  if (value === null || json === undefined) {
    return dropped(key, 'unsupported_value', `Braze event properties cannot hold ${describeKind(value)}`);
  }
  if (typeof value === 'string' && value.length > limits.maxStringLength) {
    return dropped(key, 'string_too_long', `string of ${value.length} characters exceeds Braze's ${limits.maxStringLength}`);
  }
  return undefined;
}

function isNested(value: JsonValue): boolean {
  return typeof value === 'object' && value !== null;
}

// The 100 KB limit only applies once the object holds arrays or objects, so removing nested
// values (largest first, to lose as few properties as possible) always ends the loop.
function dropLargestNestedUntilWithinLimit(properties: BrazeProperties, issues: PropertyIssue[]): BrazeProperties {
  const limit = EVENT_PROPERTY_LIMITS.maxBytesWithNestedValues;
  // Typical properties are a small fraction of the limit: a bound that walks the values settles
  // that without serialising them.
  if (jsonBytesBound(properties, limit) <= limit) return properties;
  let entries = Object.entries(properties);
  while (entries.some(([, value]) => isNested(value)) && measureJsonBytes(properties) > limit) {
    const largest = entries
      .filter(([, value]) => isNested(value))
      .reduce((a, b) => (measureJsonBytes(b[1]) > measureJsonBytes(a[1]) ? b : a));
    issues.push(dropped(largest[0], 'object_too_large', `properties with arrays or objects are limited to ${limit} bytes`));
    entries = entries.filter((entry) => entry !== largest);
    properties = Object.fromEntries(entries);
  }
  return properties;
}

// JSON.stringify writes a UTF-16 unit as at most 6 bytes of UTF-8 (`\u001f`, or a lone surrogate's
// `\udXXX`; otherwise 1 to 3 bytes, 4 for a pair of units).
const MAX_BYTES_PER_UNIT = 6;
// The longest finite number JSON.stringify writes, e.g. `-0.0000012345678901234567` or `-1.2345678901234567e-300`.
const MAX_NUMBER_BYTES = 25;

/**
 * At least `measureJsonBytes(value)` for a JSON value, or some number above `budget` once the
 * bound passes it (the walk stops there).
 */
export function jsonBytesBound(value: JsonValue, budget: number): number {
  if (typeof value === 'string') return value.length * MAX_BYTES_PER_UNIT + 2;
  if (typeof value === 'number') return MAX_NUMBER_BYTES;
  if (typeof value === 'boolean') return 5;
  // `undefined` only as a hole of a sparse array, which JSON.stringify writes as null.
  if (value === null || value === undefined) return 4;
  // Brackets, plus a comma after each item (one more than needed).
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      bytes += jsonBytesBound(item, budget - bytes) + 1;
      if (bytes > budget) return bytes;
    }
    return bytes;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    // Quoted key, colon, value, comma.
    bytes += key.length * MAX_BYTES_PER_UNIT + 4 + jsonBytesBound(value[key]!, budget - bytes);
    if (bytes > budget) return bytes;
  }
  return bytes;
}
