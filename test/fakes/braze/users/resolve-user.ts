import { isPlainObject } from '@/test/fakes/braze/json-values';
import {
  findProfile,
  listContactMatches,
  type ContactField,
  type Profile,
  type ProfileStore,
} from '@/test/fakes/braze/profiles/profile-store';
import { readUserAlias, type UserIdentifier } from '@/test/fakes/braze/track/identifiers';

// Identifier objects of the user-management endpoints: external_id, user_alias, or email/phone
// with an optional `prioritization` (braze-api.md §7.2–§7.4).

export interface UserReference {
  identifier: UserIdentifier;
  prioritization?: string[];
}

export function readUserReference(value: unknown): UserReference | null {
  if (!isPlainObject(value)) return null;
  if (typeof value.external_id === 'string') return { identifier: { kind: 'external_id', value: value.external_id } };
  if ('user_alias' in value) {
    const alias = readUserAlias(value.user_alias);
    return alias ? { identifier: { kind: 'user_alias', alias } } : null;
  }
  const prioritization = Array.isArray(value.prioritization) ? value.prioritization.map(String) : undefined;
  if (typeof value.email === 'string') return { identifier: { kind: 'email', value: value.email }, prioritization };
  if (typeof value.phone === 'string') return { identifier: { kind: 'phone', value: value.phone }, prioritization };
  return null;
}

export function resolveUser(store: ProfileStore, reference: UserReference): Profile | undefined {
  const { identifier, prioritization } = reference;
  if ((identifier.kind !== 'email' && identifier.kind !== 'phone') || !prioritization) return findProfile(store, identifier);
  return pickByPrioritization(listContactMatches(store, identifier.kind, identifier.value), prioritization);
}

/** Unidentified (no external_id) profiles holding the email or phone: the ones identify may fold in. */
export function resolveUnidentified(
  store: ProfileStore,
  field: ContactField,
  value: string,
  prioritization: string[] = [],
): Profile | undefined {
  const candidates = listContactMatches(store, field, value).filter((profile) => profile.externalId === undefined);
  return pickByPrioritization(candidates, prioritization);
}

/**
 * `identified`/`unidentified` filter, then `most_recently_updated`/`least_recently_updated`
 * break ties; with several matches and no tie-breaker nothing is chosen (braze-api.md §7.2).
 */
export function pickByPrioritization(candidates: Profile[], prioritization: string[]): Profile | undefined {
  let pool = candidates;
  for (const rule of prioritization) {
    if (rule === 'identified') pool = pool.filter((profile) => profile.externalId !== undefined);
    if (rule === 'unidentified') pool = pool.filter((profile) => profile.externalId === undefined);
    if (pool.length <= 1) break;
    if (rule === 'most_recently_updated') return pool.reduce((a, b) => (b.updatedSeq > a.updatedSeq ? b : a));
    if (rule === 'least_recently_updated') return pool.reduce((a, b) => (b.updatedSeq < a.updatedSeq ? b : a));
  }
  return pool.length === 1 ? pool[0] : undefined;
}
