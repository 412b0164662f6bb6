import { applyAttributes } from '@/test/fakes/braze/profiles/apply-attributes';
import {
  createProfile,
  findProfile,
  touchProfile,
  type Activity,
  type Profile,
  type ProfileStore,
} from '@/test/fakes/braze/profiles/profile-store';
import { addDataPoints, recordAccepted, type Recorder } from '@/test/fakes/braze/record/recorder';
import {
  countAttributeDataPoints,
  countPurchaseDataPoints,
  EVENT_DATA_POINTS,
} from '@/test/fakes/braze/track/count-data-points';
import { pickIdentifier, type UserIdentifier } from '@/test/fakes/braze/track/identifiers';
import { INPUT_ARRAYS, type IndexedObject } from '@/test/fakes/braze/track/validate-track-body';
import { enforceDeclaredTypes } from '@/test/fakes/braze/custom-attributes/declared-types';
import type { FakeDeclaredAttribute, InputArray, JsonObject } from '@/test/fakes/braze/types';

export interface TrackContext {
  store: ProfileStore;
  recorder: Recorder;
  apiKey: string;
  path: string;
  receivedAt: number;
  /** The workspace's declared custom attributes (types and blocklist), applied as Braze applies them. */
  declared: ReadonlyMap<string, FakeDeclaredAttribute>;
}

/** The profile each valid object landed on; undefined for update-only objects without a user. */
export type AppliedTrack = Record<InputArray, (Profile | undefined)[]>;

/** Applies valid objects in Braze's order: attributes, then events, then purchases (braze-api.md §1). */
export function applyTrack(context: TrackContext, valid: Record<InputArray, IndexedObject[]>): AppliedTrack {
  const applied: AppliedTrack = { attributes: [], events: [], purchases: [] };
  for (const inputArray of INPUT_ARRAYS) {
    for (const { index, object, time } of valid[inputArray]) {
      const profile = applyObject(context, inputArray, object, time ?? context.receivedAt);
      applied[inputArray].push(profile);
      recordAccepted(context.recorder, inputArray, {
        apiKey: context.apiKey,
        path: context.path,
        receivedAt: context.receivedAt,
        index,
        applied: profile !== undefined,
        object,
      });
    }
  }
  return applied;
}

function applyObject(context: TrackContext, inputArray: InputArray, object: JsonObject, time: number): Profile | undefined {
  const identifier = pickIdentifier(object);
  const profile = resolveProfile(context.store, inputArray, object, identifier);
  if (!profile) return undefined;
  touchProfile(context.store, profile);
  if (inputArray === 'attributes') {
    applyAttributes(context.store, profile, enforceDeclaredTypes(object, context.declared).attributes);
    addDataPoints(context.recorder, countAttributeDataPoints(object, identifier));
  } else if (inputArray === 'events') {
    recordActivity(profile.events, String(object.name), clampToNow(time, context.receivedAt), 1);
    addDataPoints(context.recorder, EVENT_DATA_POINTS);
  } else {
    const quantity = countPurchaseDataPoints(object);
    recordActivity(profile.purchases, String(object.product_id), clampToNow(time, context.receivedAt), quantity);
    addDataPoints(context.recorder, quantity);
  }
  return profile;
}

function resolveProfile(
  store: ProfileStore,
  inputArray: InputArray,
  object: JsonObject,
  identifier: UserIdentifier | null,
): Profile | undefined {
  // Only an anonymous push token import has no identifier (braze-api.md §2.4).
  if (!identifier) return createProfile(store, null);
  return findProfile(store, identifier) ?? (isUpdateOnly(inputArray, object, identifier) ? undefined : createProfile(store, identifier));
}

/** `_update_existing_only` defaults (braze-api.md §2.3). */
function isUpdateOnly(inputArray: InputArray, object: JsonObject, identifier: UserIdentifier): boolean {
  // braze_id is assigned by Braze, so it can only name a profile that exists.
  if (identifier.kind === 'braze_id') return true;
  if (identifier.kind === 'user_alias') {
    // Attributes create an alias-only profile only with an explicit false; events and purchases never do.
    return inputArray !== 'attributes' || object._update_existing_only !== false;
  }
  return object._update_existing_only === true;
}

/** A time in the future is replaced by the current time (braze-api.md §2.6). */
function clampToNow(time: number, now: number): number {
  return Math.min(time, now);
}

function recordActivity(activities: Map<string, Activity>, name: string, time: number, count: number): void {
  const current = activities.get(name);
  if (!current) {
    activities.set(name, { first: time, last: time, count });
    return;
  }
  current.first = Math.min(current.first, time);
  current.last = Math.max(current.last, time);
  current.count += count;
}
