/** Structural equality of JSON values, used to tell whether a list already holds a value ($preInsert, $remove). */
export function isSameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => isSameJsonValue(item, b[i]));
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord);
  return (
    keys.length === Object.keys(bRecord).length &&
    keys.every((key) => Object.hasOwn(bRecord, key) && isSameJsonValue(aRecord[key], bRecord[key]))
  );
}

export function includesJsonValue(list: readonly unknown[], value: unknown): boolean {
  return list.some((item) => isSameJsonValue(item, value));
}
