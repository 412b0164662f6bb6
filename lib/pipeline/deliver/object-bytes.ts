/**
 * A Braze object's serialised size, measured once. Fan-out's chunking, the batcher's packing and
 * the batcher's request split each ask for the size of the same objects, and each measure is a
 * `JSON.stringify`. Objects bound for Braze are not changed once built (the superseded-attribute
 * pruning and the attribute guard build new ones), so a size remembered per object stays right;
 * a WeakMap lets it go with the object.
 */
import { jsonBytesOf } from '@/lib/braze';

const sizes = new WeakMap<object, number>();

export function objectBytesOf(object: object): number {
  let bytes = sizes.get(object);
  if (bytes === undefined) {
    bytes = jsonBytesOf(object);
    sizes.set(object, bytes);
  }
  return bytes;
}
