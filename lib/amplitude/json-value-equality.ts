import { hasOwnProperty } from '@/lib/json/own-keys';

/**
 * Structural equality of JSON values, used to tell whether a list already holds a value ($preInsert,
 * $remove) and whether a stored profile is left as it was read (every touched profile of every
 * ingest job): loops rather than key arrays and callbacks, so a comparison allocates nothing.
 */
export function isSameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aIsArray = Array.isArray(a);
  if (aIsArray || Array.isArray(b)) return aIsArray && Array.isArray(b) && isSameList(a, b);
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  let count = 0;
  for (const key in aRecord) {
    if (!hasOwnProperty.call(aRecord, key)) continue;
    if (!Object.hasOwn(bRecord, key) || !isSameJsonValue(aRecord[key], bRecord[key])) return false;
    count++;
  }
  // Every key of `a` is in `b`: the same count means no other.
  for (const key in bRecord) {
    if (hasOwnProperty.call(bRecord, key) && --count < 0) return false;
  }
  return count === 0;
}

function isSameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!isSameJsonValue(a[i], b[i])) return false;
  return true;
}

export function includesJsonValue(list: readonly unknown[], value: unknown): boolean {
  for (let i = 0; i < list.length; i++) if (isSameJsonValue(list[i], value)) return true;
  return false;
}
