/**
 * The per-project user model, as Amplitude keeps it: each user's properties, with Amplitude's
 * user-property operations ($set, $add, $append, $clearAll, ...) applied in the order received.
 * Amplitude stamps every event with the user's current properties, so every event of a job is
 * given its user's *view*: the stored profile with every earlier operation of that user applied,
 * then this event's own. User forwarding also learns exactly what each event changed.
 *
 * One read (two when some users have no properties yet: their devices) and one conditional
 * write per ingest job (lib/users/profile-rows), so two workers updating the same user apply
 * their changes one after the other, never interleaved; rows the job leaves as they were are not
 * written, and a job that changes no row writes nothing. Users known
 * only by device are kept under their device; when a device first appears with a user_id and that
 * user has no properties of its own yet, the device's properties carry over to the user.
 */
import { applyUserPropertyOperations, isSameJsonValue, type UserPropertyChange } from '@/lib/amplitude';
import { applyLocked, isWriteConflict, NO_ROW, readProfiles, writeIfUnchanged, type StoredProfile } from '@/lib/users/profile-rows';
import { recordWriteTimes, withoutStaleWrites } from '@/lib/users/stale-writes';
import { hasOwnProperty } from '@/lib/json/own-keys';

export interface ProfileSource {
  event_type: string;
  time: number;
  user_id?: string;
  device_id?: string;
  user_properties?: Record<string, unknown>;
  $skip_user_properties_sync?: boolean;
}

export type UserProperties = Readonly<Record<string, unknown>>;

/** What the user model says of one job's events, each keyed by the event's index in the job. */
export interface UserModel {
  /** The user-property changes each event made to its stored profile. */
  changes: Map<number, UserPropertyChange[]>;
  /** The user's properties as each event sees them (only when views were asked for). */
  views: Map<number, UserProperties>;
}

export const EMPTY_USER_MODEL: UserModel = { changes: new Map(), views: new Map() };

/** "u:<user_id>", or "d:<device_id>" for a user known only by device. */
export function userKeyOf(e: Pick<ProfileSource, 'user_id' | 'device_id'>): string | null {
  if (e.user_id) return `u:${e.user_id}`;
  if (e.device_id) return `d:${e.device_id}`;
  return null;
}

/** One event's part in the user model. */
interface Entry {
  index: number;
  /** The event's own time (ms): decides which of two writes to a property is the newer. */
  time: number;
  userKey: string;
  /** The event's user_properties (operations), or null when it has none. */
  ops: Record<string, unknown> | null;
  /** Whether `ops` change the stored profile (not for group identifies or `$skip_user_properties_sync`). */
  stores: boolean;
  /** The device whose properties carry over when this user has none yet. */
  device: string | null;
}

/**
 * The entries of `events`: with `views`, every event with a user (so each can be given its
 * user's properties); without, only those that change a profile.
 */
function entriesOf(events: readonly ProfileSource[], views: boolean): Entry[] {
  const entries: Entry[] = [];
  for (let index = 0; index < events.length; index++) {
    const e = events[index]!;
    const userKey = userKeyOf(e);
    if (!userKey) continue;
    const props = e.user_properties;
    const ops = props && !isEmpty(props) && e.event_type !== '$groupidentify' ? props : null;
    const stores = ops !== null && e.$skip_user_properties_sync !== true;
    if (!stores && !views) continue;
    const device = e.user_id && e.device_id ? `d:${e.device_id}` : null;
    entries.push({ index, time: e.time, userKey, ops, stores, device });
  }
  return entries;
}

function keysOf(entries: readonly Entry[]): string[] {
  const keys = new Set<string>();
  for (const e of entries) {
    keys.add(e.userKey);
    if (e.device) keys.add(e.device);
  }
  return [...keys];
}

/**
 * The stored profiles of the entries' users, then of the devices of users that have none (the
 * only ones a device's properties can carry over to). Most users seen with a device already have
 * properties and most of their devices no row, so reading devices only then halves the lookups
 * of a job's read; a job with users new to the store reads once more.
 */
async function readEntryProfiles(projectId: string, entries: readonly Entry[]): Promise<Map<string, StoredProfile>> {
  const users = new Set<string>();
  for (const e of entries) users.add(e.userKey);
  const profiles = await readProfiles(projectId, [...users]);
  const devices = new Set<string>();
  for (const e of entries) {
    if (e.device && !users.has(e.device) && isBlank(profiles.get(e.userKey))) devices.add(e.device);
  }
  if (devices.size > 0) for (const [key, profile] of await readProfiles(projectId, [...devices])) profiles.set(key, profile);
  return profiles;
}

/**
 * Whether applying a job left a stored row as it was read: properties and property times alike
 * (an SDK that sends the same `$set` again at the same time). Such a row is not written: the job
 * is as if it ran right at its read, before any writer that changed the row since, so the
 * optimistic guarantee holds without the write. A newer time on an unchanged value is a change
 * (the event-time rule needs it), and a user without a row is always written.
 */
function isUnchanged(asRead: Pick<StoredProfile, 'properties' | 'times'> | undefined, now: StoredProfile): boolean {
  return asRead !== undefined && isSameJsonValue(asRead.times, now.times) && isSameJsonValue(asRead.properties, now.properties);
}

const isBlank = (p: StoredProfile | undefined) => !p || (isEmpty(p.properties) && isEmpty(p.times));

/** Whether `o` has no own enumerable key (without listing them: asked of every event and profile). */
function isEmpty(o: object): boolean {
  for (const key in o) if (hasOwnProperty.call(o, key)) return false;
  return true;
}

/** Optimistic rounds before a user's updates take the row lock instead (a very hot user). */
const OPTIMISTIC_ROUNDS = 4;

/**
 * Applies the user-property operations of `events` in order to the stored profiles,
 * optimistically: read the profiles, compute in memory, write back only rows still at the
 * version read whose content changed (two round trips at most, no transaction held open). The events of users whose rows
 * changed meanwhile are recomputed from the new values, so two concurrent jobs' updates of one
 * user are both applied, one after the other. With `views`, every event's user is read too (in
 * the same statement), and the result gives each event its user's properties.
 */
export async function applyUserModel(projectId: string, events: readonly ProfileSource[], options: { views: boolean }): Promise<UserModel> {
  const model: UserModel = { changes: new Map(), views: new Map() };
  let remaining = entriesOf(events, options.views);
  for (let round = 0; remaining.length > 0; round++) {
    if (round >= OPTIMISTIC_ROUNDS) {
      const pending = remaining;
      await applyLocked(projectId, keysOf(pending), (profiles) => applyEntries(pending, profiles, model));
      break;
    }
    const profiles = await readEntryProfiles(projectId, remaining);
    const asRead = new Map<string, Pick<StoredProfile, 'properties' | 'times'>>();
    for (const [k, p] of profiles) asRead.set(k, { properties: p.properties, times: p.times });
    const changed = new Map<string, StoredProfile>();
    for (const k of applyEntries(remaining, profiles, model)) {
      const profile = profiles.get(k)!;
      if (!isUnchanged(asRead.get(k), profile)) changed.set(k, profile);
    }
    if (changed.size === 0) break;
    let written: Set<string>;
    try {
      written = await writeIfUnchanged(projectId, changed);
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      written = new Set();
    }
    const lost = new Set<string>();
    for (const k of changed.keys()) if (!written.has(k)) lost.add(k);
    if (lost.size === 0) break;
    remaining = remaining.filter((e) => lost.has(e.userKey));
    for (const e of remaining) {
      model.changes.delete(e.index);
      model.views.delete(e.index);
    }
  }
  return model;
}

/**
 * The user model of `events` over `profiles` as read, written nowhere: what the preview shows
 * for a sample event, computed by the same rules as delivery.
 */
export async function readUserModel(projectId: string, events: readonly ProfileSource[]): Promise<UserModel> {
  const entries = entriesOf(events, true);
  const model: UserModel = { changes: new Map(), views: new Map() };
  applyEntries(entries, await readEntryProfiles(projectId, entries), model);
  return model;
}

/**
 * Applies each entry to its user's profile in `profiles` (added when missing), records what it
 * changed and what it sees in `model`; returns the users whose stored profile changed.
 */
function applyEntries(entries: readonly Entry[], profiles: Map<string, StoredProfile>, model: UserModel): Set<string> {
  const touched = new Set<string>();
  for (const e of entries) {
    let profile = profiles.get(e.userKey);
    let made: UserPropertyChange[] = [];
    const device = e.device ? profiles.get(e.device) : undefined;
    if (isBlank(profile) && !isBlank(device)) {
      // Amplitude merges an anonymous device's properties into the user it turns out to be.
      profile = { properties: { ...device!.properties }, times: { ...device!.times }, version: profile?.version ?? NO_ROW };
      profiles.set(e.userKey, profile);
      touched.add(e.userKey);
      made = Object.entries(profile.properties).map(([key, value]) => ({ key, op: 'set', value }));
    }
    if (e.ops && e.stores) {
      // Every operation is reported, even a $set to the current value: whether a sync already
      // sent that value is decided per sync (lib/pipeline/state/attribute-cache).
      // Without a profile no property has a time yet, so no write can be stale.
      const ops = profile ? withoutStaleWrites(e.ops, profile.times, e.time) : e.ops;
      const { next, changes: own } = applyUserPropertyOperations(profile?.properties ?? {}, ops);
      if (own.length > 0) {
        profile ??= { properties: {}, times: {}, version: NO_ROW };
        profiles.set(e.userKey, profile);
        profile.properties = next;
        profile.times = recordWriteTimes(profile.times, own, e.time);
        touched.add(e.userKey);
        made = made.length === 0 ? own : withOwnChanges(made, own);
      }
      model.views.set(e.index, profile?.properties ?? {});
    } else if (e.ops) {
      // Sent with the event, never kept: the event sees them, the profile does not change.
      model.views.set(e.index, applyUserPropertyOperations(profile?.properties ?? {}, e.ops).next);
    } else {
      model.views.set(e.index, profile?.properties ?? {});
    }
    if (made.length > 0) model.changes.set(e.index, made);
  }
  return touched;
}

/** The event's own change of a carried-over property replaces the carried value. */
function withOwnChanges(carried: readonly UserPropertyChange[], own: readonly UserPropertyChange[]): UserPropertyChange[] {
  const keys = new Set(own.map((c) => c.key));
  return [...carried.filter((c) => !keys.has(c.key)), ...own];
}
