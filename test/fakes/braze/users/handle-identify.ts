import type { RouteInput } from '@/test/fakes/braze/http/route-types';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import { isPlainObject } from '@/test/fakes/braze/json-values';
import { mergeProfiles } from '@/test/fakes/braze/profiles/merge-profiles';
import { findProfile, setExternalId, type ProfileStore } from '@/test/fakes/braze/profiles/profile-store';
import { readUserAlias, type UserIdentifier } from '@/test/fakes/braze/track/identifiers';
import { readList } from '@/test/fakes/braze/users/request-lists';
import { resolveUnidentified } from '@/test/fakes/braze/users/resolve-user';

interface IdentifyEntry {
  externalId: string;
  source: UserIdentifier;
  prioritization: string[];
}

const LISTS = [
  ['aliases_to_identify', 'user_alias'],
  ['emails_to_identify', 'email'],
  ['phone_numbers_to_identify', 'phone'],
] as const;

/**
 * POST /users/identify (braze-api.md §7.2): folds an alias-only, email-only or phone-only profile
 * into the profile with the external_id. It answers success even when nothing matched.
 */
export function handleIdentify({ state, body }: RouteInput): Reply {
  const entries: IdentifyEntry[] = [];
  let listsSent = 0;
  let aliasCount = 0;
  for (const [name, field] of LISTS) {
    const list = readList(body, name);
    if (!list.ok) return jsonReply(400, { message: list.message });
    if (!list.items) continue;
    listsSent += 1;
    if (field === 'user_alias') aliasCount = list.items.length;
    for (const item of list.items) {
      const entry = readEntry(item, field);
      if (!entry) return jsonReply(400, { message: `every '${name}' entry needs an 'external_id' string and a valid '${field}'` });
      entries.push(entry);
    }
  }
  if (listsSent === 0) {
    return jsonReply(400, { message: "one of 'aliases_to_identify', 'emails_to_identify' or 'phone_numbers_to_identify' is required" });
  }
  for (const entry of entries) identifyEntry(state.store, entry);
  return jsonReply(201, { aliases_processed: aliasCount, message: 'success' });
}

function readEntry(item: unknown, field: 'user_alias' | 'email' | 'phone'): IdentifyEntry | null {
  if (!isPlainObject(item) || typeof item.external_id !== 'string') return null;
  const prioritization = Array.isArray(item.prioritization) ? item.prioritization.map(String) : [];
  if (field === 'user_alias') {
    const alias = readUserAlias(item.user_alias);
    return alias ? { externalId: item.external_id, source: { kind: 'user_alias', alias }, prioritization } : null;
  }
  const value = item[field];
  return typeof value === 'string' ? { externalId: item.external_id, source: { kind: field, value }, prioritization } : null;
}

function identifyEntry(store: ProfileStore, { externalId, source, prioritization }: IdentifyEntry): void {
  const unidentified =
    source.kind === 'user_alias'
      ? findProfile(store, source)
      : source.kind === 'email' || source.kind === 'phone'
        ? resolveUnidentified(store, source.kind, source.value, prioritization)
        : undefined;
  if (!unidentified || unidentified.externalId !== undefined) return;
  const target = findProfile(store, { kind: 'external_id', value: externalId });
  // No user has the external_id yet: the unidentified profile simply takes it.
  if (!target) return setExternalId(store, unidentified, externalId);
  // A user already holding an alias under the same label is not merged (braze-api.md §7.2).
  if (source.kind === 'user_alias' && target.aliases.has(source.alias.alias_label)) return;
  mergeProfiles(store, unidentified, target);
}
