import { isPlainObject } from '@/test/fakes/braze/json-values';
import { NOT_AN_OBJECT } from '@/test/fakes/braze/track/minor-errors';
import { findAttributesError } from '@/test/fakes/braze/track/validate-attributes';
import type { ParsedFields } from '@/test/fakes/braze/track/validate-common';
import { findEventError } from '@/test/fakes/braze/track/validate-event';
import { findPurchaseError } from '@/test/fakes/braze/track/validate-purchase';
import type { InputArray, JsonObject, MinorError } from '@/test/fakes/braze/types';

export const INPUT_ARRAYS: readonly InputArray[] = ['attributes', 'events', 'purchases'];

/** The three input arrays of a /users/track body; absent ones are undefined (braze-api.md §2.1). */
export type TrackInput = Record<InputArray, unknown[] | undefined>;

export interface IndexedObject {
  index: number;
  object: JsonObject;
  /** Epoch ms of an event's or purchase's `time`. */
  time?: number;
}

export interface ValidatedTrack {
  valid: Record<InputArray, IndexedObject[]>;
  errors: MinorError[];
}

/** The input arrays, or null when the body is no object or a field is not an array. */
export function readTrackInput(body: unknown): TrackInput | null {
  if (!isPlainObject(body)) return null;
  const input: TrackInput = { attributes: undefined, events: undefined, purchases: undefined };
  for (const name of INPUT_ARRAYS) {
    const list = body[name];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return null;
    input[name] = list;
  }
  return input;
}

const FIND_ERROR: Record<InputArray, (object: JsonObject, parsed: ParsedFields) => string | null> = {
  attributes: findAttributesError,
  events: findEventError,
  purchases: findPurchaseError,
};

/** Splits every object into valid ones and minor errors `{type, input_array, index}` (§3.2). */
export function validateTrackInput(input: TrackInput): ValidatedTrack {
  const result: ValidatedTrack = { valid: { attributes: [], events: [], purchases: [] }, errors: [] };
  for (const name of INPUT_ARRAYS) {
    const list = input[name] ?? [];
    for (let index = 0; index < list.length; index += 1) {
      const object = list[index];
      const parsed: ParsedFields = {};
      const type = isPlainObject(object) ? FIND_ERROR[name](object, parsed) : NOT_AN_OBJECT;
      if (type === null) result.valid[name].push({ index, object: object as JsonObject, time: parsed.time });
      else result.errors.push({ type, input_array: name, index });
    }
  }
  return result;
}
