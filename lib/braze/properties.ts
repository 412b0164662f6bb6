import { dropped } from '@/lib/braze/issues';
import { describeKind, measureJsonBytes, toJsonValue } from '@/lib/braze/json';
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
  const kept: [string, JsonValue][] = [];
  for (const [key, raw] of Object.entries(input)) {
    const value = toJsonValue(raw);
    const problem = findEventPropertyProblem(key, raw, value);
    if (problem) issues.push(problem);
    else if (value !== undefined) kept.push([key, value]);
  }
  return { properties: dropLargestNestedUntilWithinLimit(kept, issues), issues };
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
function dropLargestNestedUntilWithinLimit(kept: [string, JsonValue][], issues: PropertyIssue[]): BrazeProperties {
  const limit = EVENT_PROPERTY_LIMITS.maxBytesWithNestedValues;
  let entries = kept;
  let properties: BrazeProperties = Object.fromEntries(entries);
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
