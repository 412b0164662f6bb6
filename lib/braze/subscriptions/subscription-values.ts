/**
 * Braze's subscription state values (braze-api.md §2.4, Braze "Managing user subscriptions"):
 * `email_subscribe` / `push_subscribe` take `opted_in`, `subscribed` or `unsubscribed`; a
 * subscription group's `subscription_state` takes `subscribed` or `unsubscribed`. Anything else
 * Braze refuses, so it is read here once, with the documented aliases below.
 *
 * Aliases (our choice, documented in the README): case and surrounding spaces are ignored;
 * the booleans `true` / `false` (and the strings "true" / "false") mean `opted_in` /
 * `unsubscribed` for the global states and `subscribed` / `unsubscribed` for groups, since an
 * Amplitude property such as `newsletter: true` is the common way to hold a consent.
 */

export const GLOBAL_STATES = ['opted_in', 'subscribed', 'unsubscribed'] as const;
export const GROUP_STATES = ['subscribed', 'unsubscribed'] as const;

export type GlobalState = (typeof GLOBAL_STATES)[number];
export type GroupState = (typeof GROUP_STATES)[number];

export type ReadState<T> = { ok: true; state: T } | { ok: false; reason: string };

function normalise(value: unknown): string | null {
  if (typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? value.trim().toLowerCase() : null;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function readGlobalState(field: 'email_subscribe' | 'push_subscribe', value: unknown): ReadState<GlobalState> {
  const text = normalise(value);
  if (text === 'true') return { ok: true, state: 'opted_in' };
  if (text === 'false') return { ok: true, state: 'unsubscribed' };
  const state = GLOBAL_STATES.find((s) => s === text);
  if (state) return { ok: true, state };
  return { ok: false, reason: `Braze accepts only opted_in, subscribed or unsubscribed (or true/false) for ${field}, not ${shown(value)}` };
}

export function readGroupState(groupId: string, value: unknown): ReadState<GroupState> {
  const text = normalise(value);
  if (text === 'true') return { ok: true, state: 'subscribed' };
  if (text === 'false') return { ok: true, state: 'unsubscribed' };
  const state = GROUP_STATES.find((s) => s === text);
  if (state) return { ok: true, state };
  return { ok: false, reason: `Braze accepts only subscribed or unsubscribed (or true/false) for subscription group ${groupId}, not ${shown(value)}` };
}
