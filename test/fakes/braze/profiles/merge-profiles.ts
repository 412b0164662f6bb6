import {
  deleteProfile,
  setAlias,
  setContact,
  touchProfile,
  type Activity,
  type Profile,
  type ProfileStore,
} from '@/test/fakes/braze/profiles/profile-store';

/**
 * Folds `source` into `target` and removes `source`, as /users/identify and /users/merge do
 * (braze-api.md §7.2, §7.3): fields the target lacks are copied, event and purchase aggregates
 * are summed, aliases under labels the target lacks move over.
 */
export function mergeProfiles(store: ProfileStore, source: Profile, target: Profile): void {
  if (source === target) return;
  // Deleting unindexes the source's email and phone, so read its fields first.
  const sourceAttributes = [...source.attributes];
  deleteProfile(store, source);
  for (const [key, value] of sourceAttributes) {
    if (target.attributes.has(key)) continue;
    if ((key === 'email' || key === 'phone') && typeof value === 'string') setContact(store, target, key, value);
    else target.attributes.set(key, value);
  }
  sumActivities(source.events, target.events);
  sumActivities(source.purchases, target.purchases);
  for (const [label, name] of source.aliases) {
    if (!target.aliases.has(label)) setAlias(store, target, { alias_label: label, alias_name: name });
  }
  touchProfile(store, target);
}

function sumActivities(from: Map<string, Activity>, into: Map<string, Activity>): void {
  for (const [name, activity] of from) {
    const current = into.get(name);
    if (!current) {
      into.set(name, { ...activity });
      continue;
    }
    current.first = Math.min(current.first, activity.first);
    current.last = Math.max(current.last, activity.last);
    current.count += activity.count;
  }
}
