import { invalidField } from '@/test/fakes/braze/track/minor-errors';
import type { JsonObject } from '@/test/fakes/braze/types';

// Subscription fields of an attributes object (braze-api.md §2.4; Braze "Managing user
// subscriptions"): the global states take opted_in, subscribed or unsubscribed; a subscription
// group entry needs a subscription_group_id and a state of subscribed or unsubscribed. Braze
// refuses the object otherwise, with a minor error naming the field.

export const SUBSCRIPTION_FIELDS: ReadonlySet<string> = new Set(['email_subscribe', 'push_subscribe', 'subscription_groups']);

const GLOBAL_STATES = new Set(['opted_in', 'subscribed', 'unsubscribed']);
const GROUP_STATES = new Set(['subscribed', 'unsubscribed']);

function isGroupEntry(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as JsonObject;
  return typeof entry.subscription_group_id === 'string' && entry.subscription_group_id !== '' && GROUP_STATES.has(String(entry.subscription_state));
}

export function findSubscriptionError(attributes: JsonObject): string | null {
  for (const field of ['email_subscribe', 'push_subscribe'] as const) {
    if (field in attributes && !GLOBAL_STATES.has(attributes[field] as string)) return invalidField(field);
  }
  if ('subscription_groups' in attributes) {
    const groups = attributes.subscription_groups;
    if (!Array.isArray(groups) || !groups.every(isGroupEntry)) return invalidField('subscription_groups');
  }
  return null;
}
