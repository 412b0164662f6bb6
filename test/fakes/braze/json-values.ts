import type { JsonObject } from '@/test/fakes/braze/types';

export function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Equality of JSON values: identity for scalars, structure for arrays and objects. */
export function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A copy of `target` with `patch` merged in, nested objects merged key by key (braze-api.md §2.5). */
export function mergeJsonObjects(target: JsonObject, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeJsonObjects(current, value) : structuredClone(value);
  }
  return merged;
}

/** Counts keys at every depth of a nested object. */
export function countNestedKeys(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + countNestedKeys(item), 0);
  if (!isPlainObject(value)) return 0;
  let count = 0;
  for (const item of Object.values(value)) count += 1 + countNestedKeys(item);
  return count;
}
