import type { JsonObject } from '@/test/fakes/braze/types';

// What an attribute value asks for (braze-api.md §2.5): a plain value to set, null to remove,
// `{inc}` to add to a number, `{add}`/`{remove}` on a scalar array, `{$add}`/`{$remove}`/`{$update}`
// on an array of objects, or a nested object.
export type AttributeChange =
  | { kind: 'unset' }
  | { kind: 'set'; value: unknown }
  | { kind: 'increment'; by: number }
  | { kind: 'array-ops'; add: unknown[]; remove: unknown[] }
  | { kind: 'object-array-ops'; add: unknown[]; remove: unknown[]; update: unknown[] }
  | { kind: 'nested'; value: JsonObject }
  | { kind: 'invalid' };

const ARRAY_OPS = new Set(['add', 'remove']);
const OBJECT_ARRAY_OPS = new Set(['$add', '$remove', '$update']);

export function classifyAttributeValue(value: unknown): AttributeChange {
  if (value === null) return { kind: 'unset' };
  if (typeof value !== 'object' || Array.isArray(value)) return { kind: 'set', value };
  const object = value as JsonObject;
  const keys = Object.keys(object);
  if (keys.length === 1 && keys[0] === 'inc') {
    return typeof object.inc === 'number' && Number.isFinite(object.inc) ? { kind: 'increment', by: object.inc } : { kind: 'invalid' };
  }
  if (keys.length > 0 && keys.every((key) => ARRAY_OPS.has(key))) {
    const add = readArray(object.add);
    const remove = readArray(object.remove);
    return add && remove ? { kind: 'array-ops', add, remove } : { kind: 'invalid' };
  }
  if (keys.length > 0 && keys.every((key) => OBJECT_ARRAY_OPS.has(key))) {
    const add = readArray(object.$add);
    const remove = readArray(object.$remove);
    const update = readArray(object.$update);
    return add && remove && update ? { kind: 'object-array-ops', add, remove, update } : { kind: 'invalid' };
  }
  return { kind: 'nested', value: object };
}

/** Absent means an empty list; anything else but an array is invalid. */
function readArray(value: unknown): unknown[] | null {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : null;
}
