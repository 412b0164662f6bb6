/**
 * Send anonymous users: events and user updates of a device without `user_id` go to Braze under
 * a user alias (`alias_name` = the device_id, `alias_label` = the sync's label) instead of being
 * skipped. When the sync maps the external_id, a device seen with a `user_id` is a candidate for
 * `/users/identify`, which folds the device's alias-only profile into the known user
 * (braze-api.md §7.2). Pure: which devices are new or already identified is decided in
 * lib/anonymous/device-links.
 */
import { buildBrazeAttributes, type BrazeIdentifier } from '@/lib/braze';
import type { AmplitudeEvent } from '@/lib/amplitude';
import type { RuntimeSync } from '@/lib/syncs/runtime';

/** A device seen with a known user in this job: its alias may be identified as that user. */
export interface IdentifyCandidate {
  deviceId: string;
  externalId: string;
  /** The user's profile key ("u:<user_id>"): later objects of the user wait for the identify. */
  userKey: string;
}

export interface AnonymousPlan {
  /** The identifier an event without a mapped identifier is sent under, or null (skipped). */
  identifierAt(index: number): BrazeIdentifier | null;
  /** The profile key that orders the event's objects, when it is not the event's own. */
  userKeyAt(index: number): string | undefined;
  /** Devices whose objects go under their alias in this job. */
  anonymousDevices: string[];
  identifyCandidates: IdentifyCandidate[];
}

const NONE: AnonymousPlan = { identifierAt: () => null, userKeyAt: () => undefined, anonymousDevices: [], identifyCandidates: [] };

/**
 * Merging needs an external_id: `/users/identify` folds an alias into the user with that
 * external_id, and Braze has no identify call for braze_id, alias or email users.
 */
export function mergesAnonymousUsers(sync: Pick<RuntimeSync, 'sendAnonymousUsers' | 'identifier'>): boolean {
  return sync.sendAnonymousUsers && sync.identifier.type === 'EXTERNAL_ID';
}

/**
 * `identifiers` are the mapped identifiers of `events` (null where the mapped field is empty).
 * An event without one, without `user_id` and with a `device_id` is anonymous. When the same job
 * also shows that device with a known user, its anonymous events are sent as that user's own (as
 * Amplitude merges them): an alias created in the same request as the identify would be created
 * after it, and stay a second profile.
 */
export function planAnonymousUsers(
  sync: Pick<RuntimeSync, 'sendAnonymousUsers' | 'identifier' | 'anonymousAliasLabel'>,
  events: readonly Pick<AmplitudeEvent, 'user_id' | 'device_id'>[],
  identifiers: readonly (BrazeIdentifier | null)[],
): AnonymousPlan {
  if (!sync.sendAnonymousUsers) return NONE;
  const known = new Map<string, IdentifyCandidate>();
  if (mergesAnonymousUsers(sync)) {
    events.forEach((e, i) => {
      const id = identifiers[i];
      if (!e.user_id || !e.device_id || !id || !('external_id' in id) || known.has(e.device_id)) return;
      known.set(e.device_id, { deviceId: e.device_id, externalId: id.external_id, userKey: `u:${e.user_id}` });
    });
  }
  const byIndex = new Map<number, { identifier: BrazeIdentifier; userKey?: string }>();
  const anonymous = new Set<string>();
  events.forEach((e, i) => {
    if (identifiers[i] || e.user_id || !e.device_id) return;
    const user = known.get(e.device_id);
    if (user) {
      byIndex.set(i, { identifier: { external_id: user.externalId }, userKey: user.userKey });
      return;
    }
    anonymous.add(e.device_id);
    byIndex.set(i, { identifier: { user_alias: { alias_name: e.device_id, alias_label: sync.anonymousAliasLabel } } });
  });
  return {
    identifierAt: (i) => byIndex.get(i)?.identifier ?? null,
    userKeyAt: (i) => byIndex.get(i)?.userKey,
    anonymousDevices: [...anonymous],
    identifyCandidates: [...known.values()],
  };
}

/**
 * The attributes object that creates the alias-only profile an anonymous event lands on: Braze
 * applies a user_alias event only to a profile that exists (braze-api.md §2.3), and creates one
 * from an attributes object only with `"_update_existing_only": false`. It carries no attribute,
 * so it costs no data point. None under Update Users Only, which never creates profiles: the
 * alias's events then reach only alias profiles that already exist in Braze.
 */
export function aliasProfileObject(identifier: BrazeIdentifier, updateUsersOnly: boolean): Record<string, unknown> | null {
  if (updateUsersOnly || !('user_alias' in identifier)) return null;
  return buildBrazeAttributes(identifier, [], { updateUsersOnly: false }).attributes;
}
