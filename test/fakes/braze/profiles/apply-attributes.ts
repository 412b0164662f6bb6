import { isDataKey } from '@/test/fakes/braze/profiles/attribute-fields';
import { setContact, type Profile, type ProfileStore } from '@/test/fakes/braze/profiles/profile-store';
import { isPlainObject, isSameJson, mergeJsonObjects } from '@/test/fakes/braze/json-values';
import { classifyAttributeValue } from '@/test/fakes/braze/track/attribute-value';
import type { JsonObject } from '@/test/fakes/braze/types';

// Attribute operations on a profile (braze-api.md §2.4, §2.5).

/** Arrays keep their newest 500 values (current default; older docs said 25). */
export const MAX_ARRAY_LENGTH = 500;

export function applyAttributes(store: ProfileStore, profile: Profile, attributes: JsonObject): void {
  const mergeObjects = attributes._merge_objects === true;
  for (const [key, value] of Object.entries(attributes)) {
    if (!isDataKey(key)) continue;
    if (key === 'email' || key === 'phone') {
      if (typeof value === 'string' || value === null) setContact(store, profile, key, value);
      continue;
    }
    applyAttribute(profile.attributes, key, value, mergeObjects);
  }
}

function applyAttribute(fields: Map<string, unknown>, key: string, value: unknown, mergeObjects: boolean): void {
  const change = classifyAttributeValue(value);
  const current = fields.get(key);
  switch (change.kind) {
    case 'unset':
      fields.delete(key);
      return;
    case 'set':
      fields.set(key, Array.isArray(change.value) ? addUnique([], change.value) : change.value);
      return;
    case 'increment':
      fields.set(key, (typeof current === 'number' ? current : 0) + change.by);
      return;
    case 'array-ops': {
      const added = addUnique(Array.isArray(current) ? current : [], change.add);
      fields.set(key, added.filter((item) => !change.remove.some((gone) => isSameJson(item, gone))));
      return;
    }
    case 'object-array-ops':
      fields.set(key, applyObjectArrayOps(Array.isArray(current) ? current : [], change, mergeObjects));
      return;
    case 'nested':
      // Without _merge_objects the object is replaced whole (braze-api.md §2.4).
      fields.set(key, mergeObjects && isPlainObject(current) ? mergeJsonObjects(current, change.value) : structuredClone(change.value));
      return;
    case 'invalid':
      return;
  }
}

/** Values stay unique; adding one already present moves it to the end; oldest drop past the cap. */
function addUnique(current: unknown[], additions: unknown[]): unknown[] {
  const result = [...current];
  for (const item of additions) {
    const existing = result.findIndex((value) => isSameJson(value, item));
    if (existing >= 0) result.splice(existing, 1);
    result.push(structuredCloneIfObject(item));
  }
  return result.length > MAX_ARRAY_LENGTH ? result.slice(result.length - MAX_ARRAY_LENGTH) : result;
}

/** Array-of-objects operations run $add, then $remove, then $update (braze-api.md §2.5, AOO). */
function applyObjectArrayOps(
  current: unknown[],
  ops: { add: unknown[]; remove: unknown[]; update: unknown[] },
  mergeObjects: boolean,
): unknown[] {
  let items = [...current, ...ops.add.map(structuredCloneIfObject)];
  for (const selector of ops.remove.filter(isPlainObject)) {
    items = items.filter((item) => !matchesSelector(item, selector));
  }
  // $update needs _merge_objects (braze-api.md §2.5).
  if (!mergeObjects) return items;
  for (const update of ops.update.filter(isPlainObject)) {
    const patch = update.$new_object;
    if (!isPlainObject(patch)) continue;
    items = items.map((item) => (matchesSelector(item, update) && isPlainObject(item) ? mergeJsonObjects(item, patch) : item));
  }
  return items;
}

function matchesSelector(item: unknown, selector: JsonObject): boolean {
  const key = selector.$identifier_key;
  return typeof key === 'string' && isPlainObject(item) && isSameJson(item[key], selector.$identifier_value);
}

function structuredCloneIfObject<T>(value: T): T {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}
