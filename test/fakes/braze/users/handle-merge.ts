import type { RouteInput } from '@/test/fakes/braze/http/route-types';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import { isPlainObject } from '@/test/fakes/braze/json-values';
import { mergeProfiles } from '@/test/fakes/braze/profiles/merge-profiles';
import { MAX_USER_LIST } from '@/test/fakes/braze/users/request-lists';
import { readUserReference, resolveUser, type UserReference } from '@/test/fakes/braze/users/resolve-user';

// The documented 400 messages of /users/merge (braze-api.md §7.3).
const NOT_AN_ARRAY = "'merge_updates' must be an array of objects";
const TOO_MANY = 'a single request may not contain more than 50 merge updates';
const BAD_IDENTIFIER =
  "identifiers must be objects with an 'external_id' property that is a string, 'user_alias' property that is an object, 'email' property that is a string, or 'phone' property that is a string";
const EXTRA_KEYS = "'merge_updates' must only have 'identifier_to_merge' and 'identifier_to_keep'";

/** POST /users/merge: 202 and the merge applied at once (Braze queues it, braze-api.md §7.3). */
export function handleMerge({ state, body }: RouteInput): Reply {
  const updates = isPlainObject(body) ? body.merge_updates : undefined;
  if (!Array.isArray(updates) || !updates.every(isPlainObject)) return jsonReply(400, { message: NOT_AN_ARRAY });
  if (updates.length > MAX_USER_LIST) return jsonReply(400, { message: TOO_MANY });
  const pairs: [UserReference, UserReference][] = [];
  for (const update of updates) {
    if (Object.keys(update).some((key) => key !== 'identifier_to_merge' && key !== 'identifier_to_keep')) {
      return jsonReply(400, { message: EXTRA_KEYS });
    }
    const toMerge = readUserReference(update.identifier_to_merge);
    const toKeep = readUserReference(update.identifier_to_keep);
    if (!toMerge || !toKeep) return jsonReply(400, { message: BAD_IDENTIFIER });
    pairs.push([toMerge, toKeep]);
  }
  for (const [toMerge, toKeep] of pairs) {
    const source = resolveUser(state.store, toMerge);
    const target = resolveUser(state.store, toKeep);
    if (source && target) mergeProfiles(state.store, source, target);
  }
  return jsonReply(202, { message: 'success' });
}
