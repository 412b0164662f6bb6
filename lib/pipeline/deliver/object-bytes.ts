/**
 * A Braze object's JSON, serialised once. Fan-out's chunking, the batcher's packing and request
 * split ask for the size of the same objects, the request body and its delivery log entry need
 * their text: each would be a `JSON.stringify` of its own. Objects bound for Braze are not
 * changed once built (the superseded-attribute pruning and the attribute guard build new ones),
 * so the text remembered per object stays right; a WeakMap lets it go with the object.
 */
import { trackBodyJson } from '@/lib/braze';
import { jsonTextBytes } from '@/lib/braze/json';
import type { TrackRequestBody } from '@/lib/braze/types';

const serialised = new WeakMap<object, { json: string; bytes: number }>();

function measured(object: object): { json: string; bytes: number } {
  let found = serialised.get(object);
  if (found === undefined) {
    const json = JSON.stringify(object) ?? '';
    found = { json, bytes: jsonTextBytes(json) };
    serialised.set(object, found);
  }
  return found;
}

export function objectBytesOf(object: object): number {
  return measured(object).bytes;
}

export function objectJsonOf(object: object): string {
  return measured(object).json;
}

const bodies = new WeakMap<TrackRequestBody, string>();

/**
 * A request body's JSON from its objects' remembered text, assembled once: the request and its
 * delivery log entry carry the same text.
 */
export function bodyJsonOf(body: TrackRequestBody): string {
  let json = bodies.get(body);
  if (json === undefined) {
    json = trackBodyJson(body, objectJsonOf);
    bodies.set(body, json);
  }
  return json;
}
