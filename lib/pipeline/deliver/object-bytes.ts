/**
 * A Braze object's JSON, serialised once. Fan-out's chunking, the batcher's packing and request
 * split ask for the size of the same objects, the request body and its delivery log entry need
 * their text: each would be a `JSON.stringify` of its own. Objects bound for Braze are not
 * changed once built (the superseded-attribute pruning and the attribute guard build new ones),
 * so the text remembered per object stays right, and goes with the object.
 */
import { trackBodyJson } from '@/lib/braze';
import { jsonTextBytes } from '@/lib/braze/json';
import type { TrackRequestBody } from '@/lib/braze/types';

type Serialised = { json: string; bytes: number };

/**
 * Where an object keeps its remembered text: a non-enumerable symbol property, which
 * JSON.stringify, spreads and key listings leave out. Not a WeakMap: its entries (one per object
 * sent, thousands a second) are ephemerons that every young-generation collection must process.
 */
const SERIALISED = Symbol('serialised JSON');

function measured(object: object): Serialised {
  let found = (object as { [SERIALISED]?: Serialised })[SERIALISED];
  if (found === undefined) {
    const json = JSON.stringify(object) ?? '';
    found = { json, bytes: jsonTextBytes(json) };
    // A frozen object is measured again when asked again.
    if (Object.isExtensible(object)) Object.defineProperty(object, SERIALISED, { value: found });
  }
  return found;
}

export function objectBytesOf(object: object): number {
  return measured(object).bytes;
}

export function objectJsonOf(object: object): string {
  return measured(object).json;
}

const BODY_JSON = Symbol('body JSON');

/**
 * A request body's JSON from its objects' remembered text, assembled once: the request and its
 * delivery log entry carry the same text.
 */
export function bodyJsonOf(body: TrackRequestBody): string {
  let json = (body as { [BODY_JSON]?: string })[BODY_JSON];
  if (json === undefined) {
    json = trackBodyJson(body, objectJsonOf);
    if (Object.isExtensible(body)) Object.defineProperty(body, BODY_JSON, { value: json });
  }
  return json;
}
