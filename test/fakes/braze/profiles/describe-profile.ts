import { STANDARD_FIELDS } from '@/test/fakes/braze/profiles/attribute-fields';
import type { Activity, Profile } from '@/test/fakes/braze/profiles/profile-store';
import type { ActivitySummary, JsonObject, ProfileSnapshot } from '@/test/fakes/braze/types';

/**
 * A profile in the shape /users/export/ids answers with: standard fields at the top level,
 * custom attributes under `custom_attributes`, event and purchase aggregates as lists.
 */
export function describeProfile(profile: Profile): ProfileSnapshot {
  const snapshot: ProfileSnapshot = {
    braze_id: profile.brazeId,
    user_aliases: [...profile.aliases].map(([label, name]) => ({ alias_name: name, alias_label: label })),
    custom_attributes: {},
    custom_events: summarise(profile.events),
    purchases: summarise(profile.purchases),
  };
  if (profile.externalId !== undefined) snapshot.external_id = profile.externalId;
  const custom: JsonObject = snapshot.custom_attributes;
  for (const [key, value] of profile.attributes) {
    if (STANDARD_FIELDS.has(key)) snapshot[key] = structuredClone(value);
    else custom[key] = structuredClone(value);
  }
  return snapshot;
}

function summarise(activities: Map<string, Activity>): ActivitySummary[] {
  return [...activities].map(([name, activity]) => ({
    name,
    first: new Date(activity.first).toISOString(),
    last: new Date(activity.last).toISOString(),
    count: activity.count,
  }));
}

/** Keeps only the requested fields, as `fields_to_export` does; braze_id always stays. */
export function pickFields(snapshot: ProfileSnapshot, fields: string[] | undefined): JsonObject {
  if (!fields) return snapshot;
  const picked: JsonObject = { braze_id: snapshot.braze_id };
  for (const field of fields) if (field in snapshot) picked[field] = snapshot[field];
  return picked;
}
