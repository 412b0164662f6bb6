import type { RouteInput } from '@/test/fakes/braze/http/route-types';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import { describeProfile } from '@/test/fakes/braze/profiles/describe-profile';
import type { Profile } from '@/test/fakes/braze/profiles/profile-store';
import { processTrack } from '@/test/fakes/braze/track/handle-track';
import { SYNC_OBJECT_LIMIT } from '@/test/fakes/braze/track/object-limits';
import type { JsonObject } from '@/test/fakes/braze/types';

/**
 * /users/track/sync answers after processing with the user's updated state, and has no
 * minor-error variant: an invalid object is a fatal 400 (braze-api.md §4.4).
 */
export function handleTrackSync(request: RouteInput): Reply {
  const outcome = processTrack(request, SYNC_OBJECT_LIMIT);
  // With one object at most, an invalid object always ends in processTrack's fatal 400.
  if (!outcome.ok) return outcome.reply;
  const { attributes, events, purchases } = outcome.applied;
  const users: JsonObject[] = [];
  // `users` stays empty when an update-only object found no user (braze-api.md §4.4).
  for (const [index, profile] of attributes.entries()) {
    const sent = outcome.validated.valid.attributes[index]?.object ?? {};
    if (profile) users.push(describeAttributes(profile, Object.keys(sent)));
  }
  for (const [index, profile] of events.entries()) {
    const name = outcome.validated.valid.events[index]?.object.name;
    if (profile) users.push({ ...identify(profile), custom_events: pickActivity(profile, 'custom_events', 'name', name) });
  }
  for (const [index, profile] of purchases.entries()) {
    const productId = outcome.validated.valid.purchases[index]?.object.product_id;
    if (profile) users.push({ ...identify(profile), purchase_events: pickActivity(profile, 'purchases', 'product_id', productId) });
  }
  return jsonReply(201, { users, message: 'success' });
}

function identify(profile: Profile): JsonObject {
  const snapshot = describeProfile(profile);
  if (snapshot.external_id !== undefined) return { external_id: snapshot.external_id };
  const [alias] = snapshot.user_aliases;
  return alias ? { user_alias: alias } : { braze_id: snapshot.braze_id };
}

function describeAttributes(profile: Profile, keys: string[]): JsonObject {
  const custom = describeProfile(profile).custom_attributes;
  const sent: JsonObject = {};
  for (const key of keys) if (key in custom) sent[key] = custom[key];
  return { ...identify(profile), custom_attributes: sent };
}

function pickActivity(profile: Profile, list: 'custom_events' | 'purchases', nameKey: string, name: unknown): JsonObject[] {
  return describeProfile(profile)
    [list].filter((activity) => activity.name === name)
    .map(({ name: activityName, ...rest }) => ({ [nameKey]: activityName, ...rest }));
}
