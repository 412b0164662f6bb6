/**
 * Which Braze users a deletion names in one sync's workspace: each user's identifier under that
 * sync's mapping (the same one its events are sent with), read from the user's stored profile
 * when the mapping uses a user property, grouped into `/users/delete` bodies of one identifier
 * list each, at most 50 entries per body (braze-api.md §7.4).
 */
import { USERS_DELETE_MAX_IDS, resolveIdentifier, type IdentifierMapping, type UsersDeleteBody } from '@/lib/braze';

export interface DeletedUser {
  userId: string;
  /** The user's stored properties (empty when none are stored). */
  properties: Record<string, unknown>;
}

export interface DeleteBodies {
  bodies: UsersDeleteBody[];
  /** Users this mapping gives no Braze identifier (e.g. the mapped property was never set). */
  unmapped: string[];
}

// With several profiles of one email, Braze needs to be told which one (braze-api.md §7.4).
const EMAIL_PRIORITIZATION = ['most_recently_updated'];

function chunk<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += USERS_DELETE_MAX_IDS) out.push(items.slice(i, i + USERS_DELETE_MAX_IDS));
  return out;
}

export function buildDeleteBodies(mapping: IdentifierMapping, users: readonly DeletedUser[]): DeleteBodies {
  const lists = { external_ids: new Set<string>(), braze_ids: new Set<string>(), emails: new Set<string>(), aliases: new Map<string, { alias_name: string; alias_label: string }>() };
  const unmapped: string[] = [];
  for (const user of users) {
    const identifier = resolveIdentifier({ event_type: '', time: 0, user_id: user.userId, user_properties: user.properties }, mapping);
    if (!identifier) unmapped.push(user.userId);
    else if ('external_id' in identifier) lists.external_ids.add(identifier.external_id);
    else if ('braze_id' in identifier) lists.braze_ids.add(identifier.braze_id);
    else if ('email' in identifier) lists.emails.add(identifier.email);
    else if ('user_alias' in identifier) lists.aliases.set(JSON.stringify(identifier.user_alias), identifier.user_alias);
  }
  const bodies: UsersDeleteBody[] = [
    ...chunk([...lists.external_ids]).map((external_ids) => ({ external_ids })),
    ...chunk([...lists.braze_ids]).map((braze_ids) => ({ braze_ids })),
    ...chunk([...lists.aliases.values()]).map((user_aliases) => ({ user_aliases })),
    ...chunk([...lists.emails]).map((emails) => ({ email_addresses: emails.map((email) => ({ email, prioritization: EMAIL_PRIORITIZATION })) })),
  ];
  return { bodies, unmapped };
}

/** How many Braze users a body names. */
export function countIdentifiers(body: UsersDeleteBody): number {
  return Object.values(body)[0]?.length ?? 0;
}
