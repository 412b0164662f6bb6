import { changed, dropped } from '@/lib/braze/issues';
import { describeKind, isPlainObject, measureJsonBytes, toJsonValue } from '@/lib/braze/json';
import type { JsonValue, PropertyIssue } from '@/lib/braze/types';

/** Custom attribute limits, braze-api.md §2.5 (Braze data types and nested attribute pages). */
export const ATTRIBUTE_LIMITS = Object.freeze({
  maxStringLength: 255,
  maxNestedKeyLength: 255,
  maxArrayItems: 500,
  // Arrays and nested objects are each limited to "100 KB"; counted as 100,000 UTF-8 bytes.
  maxNestedBytes: 100_000,
});

export type CheckedAttribute =
  | { ok: true; value: JsonValue; issue?: PropertyIssue }
  | { ok: false; issue: PropertyIssue };

/**
 * Check one attribute value against Braze's rules. Policy: drop the attribute and report it,
 * except arrays over 500 items, which keep their newest 500: Braze itself "drops the oldest
 * items" of an over-long array (§2.5), so trimming first stores exactly what Braze would.
 * Nested objects are dropped whole on any bad key or value, because one invalid nested value
 * makes Braze drop every nested-attribute update in the same request (§2.5, TRACK FAQ).
 */
export function checkAttributeValue(key: string, raw: unknown): CheckedAttribute {
  const value = toJsonValue(raw);
  if (value === undefined) {
    return { ok: false, issue: dropped(key, 'unsupported_value', `Braze attributes cannot hold ${describeKind(raw)}`) };
  }
  if (typeof value === 'string' && value.length > ATTRIBUTE_LIMITS.maxStringLength) {
    return { ok: false, issue: tooLongString(key, value) };
  }
  if (Array.isArray(value)) return checkArray(key, value);
  if (isPlainObject(value)) return checkNested(key, value);
  return { ok: true, value };
}

function tooLongString(key: string, value: string): PropertyIssue {
  const max = ATTRIBUTE_LIMITS.maxStringLength;
  return dropped(key, 'string_too_long', `string of ${value.length} characters exceeds Braze's ${max}`);
}

function checkArray(key: string, items: JsonValue[]): CheckedAttribute {
  const problem = items.map((item) => findNestedProblem(key, item)).find((found) => found !== undefined);
  if (problem) return { ok: false, issue: problem };
  if (measureJsonBytes(items) > ATTRIBUTE_LIMITS.maxNestedBytes) return { ok: false, issue: tooLarge(key) };
  const max = ATTRIBUTE_LIMITS.maxArrayItems;
  const hasObjects = items.some(isPlainObject);
  // Arrays of objects have no item limit, only the size limit (§2.5).
  if (hasObjects || items.length <= max) return { ok: true, value: items };
  const detail = `array of ${items.length} items trimmed to the newest ${max}, as Braze would keep`;
  return { ok: true, value: items.slice(-max), issue: changed(key, 'array_truncated', detail) };
}

function checkNested(key: string, object: Record<string, JsonValue>): CheckedAttribute {
  const problem = findNestedProblem(key, object);
  if (problem) return { ok: false, issue: problem };
  if (measureJsonBytes(object) > ATTRIBUTE_LIMITS.maxNestedBytes) return { ok: false, issue: tooLarge(key) };
  return { ok: true, value: object };
}

function tooLarge(key: string): PropertyIssue {
  return dropped(key, 'object_too_large', `exceeds Braze's ${ATTRIBUTE_LIMITS.maxNestedBytes}-byte limit for arrays and objects`);
}

// Over the API, nested keys may not contain `.`, `$` or spaces (§2.5). The one `$` key Braze
// defines is `{"$time": "<date>"}`, its way to mark a date inside a nested object.
const BAD_NESTED_KEY = /[.$\s]/;

function isTimeMarker(value: JsonValue): boolean {
  return isPlainObject(value) && Object.keys(value).length === 1 && typeof value.$time === 'string';
}

function findNestedProblem(key: string, value: JsonValue): PropertyIssue | undefined {
  if (value === null) {
    return dropped(key, 'invalid_nested_value', 'Braze rejects null inside arrays and nested objects');
  }
  if (typeof value === 'string' && value.length > ATTRIBUTE_LIMITS.maxStringLength) return tooLongString(key, value);
  if (Array.isArray(value)) return value.map((item) => findNestedProblem(key, item)).find(Boolean);
  if (!isPlainObject(value) || isTimeMarker(value)) return undefined;
  for (const [nestedKey, nested] of Object.entries(value)) {
    if (nestedKey === '' || nestedKey.length > ATTRIBUTE_LIMITS.maxNestedKeyLength || BAD_NESTED_KEY.test(nestedKey)) {
      const detail = `nested key "${nestedKey.slice(0, 40)}" must be 1–255 characters without ".", "$" or spaces`;
      return dropped(key, 'invalid_nested_key', detail);
    }
    const problem = findNestedProblem(key, nested);
    if (problem) return problem;
  }
  return undefined;
}

export type CheckedOperation =
  | { ok: true; values: JsonValue[]; issue?: PropertyIssue }
  | { ok: false; issue: PropertyIssue };

/**
 * Values for `{add: [...]}` / `{remove: [...]}` on an array of scalars (§2.5). More than 500
 * values to add keep the newest 500 (what Braze would keep); removals are never trimmed.
 */
export function checkArrayOperation(key: string, op: 'add' | 'remove', raw: unknown): CheckedOperation {
  if (!Array.isArray(raw) || raw.length === 0) {
    return { ok: false, issue: dropped(key, 'invalid_operation', `"${op}" needs a non-empty list of values`) };
  }
  const isScalar = (item: unknown) => typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item));
  const badIndex = raw.findIndex((item) => !isScalar(item));
  if (badIndex !== -1) {
    const detail = `"${op}" takes strings, numbers or booleans, not ${describeKind(raw[badIndex])}`;
    return { ok: false, issue: dropped(key, 'invalid_operation', detail) };
  }
  const values = raw as (string | number | boolean)[];
  const long = values.find((item): item is string => typeof item === 'string' && item.length > ATTRIBUTE_LIMITS.maxStringLength);
  if (long !== undefined) return { ok: false, issue: tooLongString(key, long) };
  const max = ATTRIBUTE_LIMITS.maxArrayItems;
  if (op === 'remove' || values.length <= max) return { ok: true, values };
  const detail = `${values.length} values to add trimmed to the newest ${max}, as Braze would keep`;
  return { ok: true, values: values.slice(-max), issue: changed(key, 'array_truncated', detail) };
}
