import { randomBytes } from 'node:crypto';
import type { UserIdentifier } from '@/test/fakes/braze/track/identifiers';
import type { UserAlias } from '@/test/fakes/braze/types';

// Profiles and the indexes that find them by each identifier type (braze-api.md §2.2, §10.6).

export interface Activity {
  first: number;
  last: number;
  count: number;
}

export interface Profile {
  brazeId: string;
  externalId?: string;
  /** alias_label → alias_name: one name per label (braze-api.md §2.2). */
  aliases: Map<string, string>;
  /** Standard and custom fields as set, email and phone included. */
  attributes: Map<string, unknown>;
  /** Braze keeps per-name aggregates on the profile, not every occurrence (braze-api.md §4.4). */
  events: Map<string, Activity>;
  purchases: Map<string, Activity>;
  /** Recency order for "most recently updated" choices (braze-api.md §2.2 email rules). */
  updatedSeq: number;
}

export type ContactField = 'email' | 'phone';

export interface ProfileStore {
  byBrazeId: Map<string, Profile>;
  byExternalId: Map<string, Profile>;
  byAlias: Map<string, Profile>;
  byContact: Record<ContactField, Map<string, Set<Profile>>>;
  seq: number;
}

export function createProfileStore(): ProfileStore {
  return {
    byBrazeId: new Map(),
    byExternalId: new Map(),
    byAlias: new Map(),
    byContact: { email: new Map(), phone: new Map() },
    seq: 0,
  };
}

export function clearProfileStore(store: ProfileStore): void {
  Object.assign(store, createProfileStore());
}

/** Alias names are case-sensitive: a different case is a different alias (braze-api.md §2.2). */
function aliasKey(alias: UserAlias): string {
  return `${alias.alias_label}\u0000${alias.alias_name}`;
}

export function findProfile(store: ProfileStore, identifier: UserIdentifier): Profile | undefined {
  switch (identifier.kind) {
    case 'external_id':
      return store.byExternalId.get(identifier.value);
    case 'braze_id':
      return store.byBrazeId.get(identifier.value);
    case 'user_alias':
      return store.byAlias.get(aliasKey(identifier.alias));
    default:
      return findByContact(store, identifier.kind, identifier.value);
  }
}

/**
 * Several profiles may share an email or phone: take the most recently updated one that has an
 * external_id, else the most recently updated one (braze-api.md §2.2).
 */
export function findByContact(store: ProfileStore, field: ContactField, value: string): Profile | undefined {
  let best: Profile | undefined;
  for (const profile of store.byContact[field].get(value) ?? []) {
    if (!best || rankForContact(profile) > rankForContact(best)) best = profile;
  }
  return best;
}

function rankForContact(profile: Profile): number {
  return (profile.externalId ? Number.MAX_SAFE_INTEGER / 2 : 0) + profile.updatedSeq;
}

export function listContactMatches(store: ProfileStore, field: ContactField, value: string): Profile[] {
  return [...(store.byContact[field].get(value) ?? [])];
}

/** A new profile known by `identifier`; braze_id is Braze-assigned and never taken from input. */
export function createProfile(store: ProfileStore, identifier: UserIdentifier | null): Profile {
  const profile: Profile = {
    brazeId: generateBrazeId(),
    aliases: new Map(),
    attributes: new Map(),
    events: new Map(),
    purchases: new Map(),
    updatedSeq: 0,
  };
  store.byBrazeId.set(profile.brazeId, profile);
  touchProfile(store, profile);
  if (identifier?.kind === 'external_id') setExternalId(store, profile, identifier.value);
  if (identifier?.kind === 'user_alias') setAlias(store, profile, identifier.alias);
  if (identifier?.kind === 'email' || identifier?.kind === 'phone') setContact(store, profile, identifier.kind, identifier.value);
  return profile;
}

export function touchProfile(store: ProfileStore, profile: Profile): void {
  store.seq += 1;
  profile.updatedSeq = store.seq;
}

export function setExternalId(store: ProfileStore, profile: Profile, externalId: string): void {
  profile.externalId = externalId;
  store.byExternalId.set(externalId, profile);
}

/** Adds the alias, replacing any other name under the same label. */
export function setAlias(store: ProfileStore, profile: Profile, alias: UserAlias): void {
  const previous = profile.aliases.get(alias.alias_label);
  if (previous !== undefined) store.byAlias.delete(aliasKey({ alias_label: alias.alias_label, alias_name: previous }));
  profile.aliases.set(alias.alias_label, alias.alias_name);
  store.byAlias.set(aliasKey(alias), profile);
}

/** Sets or (with null) removes email or phone, keeping the lookup index in step. */
export function setContact(store: ProfileStore, profile: Profile, field: ContactField, value: string | null): void {
  const previous = profile.attributes.get(field);
  if (typeof previous === 'string') {
    const holders = store.byContact[field].get(previous);
    holders?.delete(profile);
    if (holders?.size === 0) store.byContact[field].delete(previous);
  }
  if (value === null) {
    profile.attributes.delete(field);
    return;
  }
  profile.attributes.set(field, value);
  const holders = store.byContact[field].get(value) ?? new Set<Profile>();
  holders.add(profile);
  store.byContact[field].set(value, holders);
}

export function deleteProfile(store: ProfileStore, profile: Profile): void {
  store.byBrazeId.delete(profile.brazeId);
  if (profile.externalId !== undefined) store.byExternalId.delete(profile.externalId);
  for (const [label, name] of profile.aliases) store.byAlias.delete(aliasKey({ alias_label: label, alias_name: name }));
  setContact(store, profile, 'email', null);
  setContact(store, profile, 'phone', null);
}

export function listProfiles(store: ProfileStore): Profile[] {
  return [...store.byBrazeId.values()];
}

let brazeIdCounter = 0;

/** 24 hex characters, the shape of Braze's braze_id values. */
function generateBrazeId(): string {
  brazeIdCounter = (brazeIdCounter + 1) % 0xffffff;
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return `${seconds}${randomBytes(5).toString('hex')}${brazeIdCounter.toString(16).padStart(6, '0')}`;
}
