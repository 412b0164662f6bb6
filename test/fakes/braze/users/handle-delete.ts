import type { RouteInput } from '@/test/fakes/braze/http/route-types';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import { isPlainObject } from '@/test/fakes/braze/json-values';
import { deleteProfile, type Profile } from '@/test/fakes/braze/profiles/profile-store';
import { readUserAlias } from '@/test/fakes/braze/track/identifiers';
import { readList } from '@/test/fakes/braze/users/request-lists';
import { readUserReference, resolveUser, type UserReference } from '@/test/fakes/braze/users/resolve-user';

// Each list names users one way (braze-api.md §7.4).
const READERS: Record<string, (item: unknown) => UserReference | null> = {
  external_ids: (item) => (typeof item === 'string' ? { identifier: { kind: 'external_id', value: item } } : null),
  braze_ids: (item) => (typeof item === 'string' ? { identifier: { kind: 'braze_id', value: item } } : null),
  user_aliases: (item) => {
    const alias = readUserAlias(item);
    return alias ? { identifier: { kind: 'user_alias', alias } } : null;
  },
  email_addresses: (item) => readContactReference(item, 'email'),
  phone_numbers: (item) => readContactReference(item, 'phone'),
};

function readContactReference(item: unknown, kind: 'email' | 'phone'): UserReference | null {
  const reference = readUserReference(item);
  return reference?.identifier.kind === kind ? reference : null;
}

const ONE_LIST = `exactly one of ${Object.keys(READERS).map((name) => `'${name}'`).join(', ')} must be provided`;

/**
 * POST /users/delete takes exactly one identifier list of at most 50 entries and answers
 * `{"deleted": n}`. Braze queues the deletion; the fake deletes at once and counts the users
 * it found. Braze's status for this answer is not in the reference; 202 mirrors "queued".
 */
export function handleDelete({ state, body }: RouteInput): Reply {
  const sent = isPlainObject(body) ? Object.keys(READERS).filter((name) => name in body) : [];
  const [name] = sent;
  const reader = name === undefined ? undefined : READERS[name];
  if (sent.length !== 1 || name === undefined || !reader) return jsonReply(400, { message: ONE_LIST });
  const list = readList(body, name);
  if (!list.ok) return jsonReply(400, { message: list.message });
  const references = (list.items ?? []).map(reader);
  if (references.some((reference) => reference === null)) return jsonReply(400, { message: `'${name}' has an invalid entry` });
  const doomed = new Set<Profile>();
  for (const reference of references) {
    const profile = reference ? resolveUser(state.store, reference) : undefined;
    if (profile) doomed.add(profile);
  }
  for (const profile of doomed) deleteProfile(state.store, profile);
  return jsonReply(202, { deleted: doomed.size });
}
