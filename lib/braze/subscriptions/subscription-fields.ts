import { readGlobalState, readGroupState } from '@/lib/braze/subscriptions/subscription-values';
import type { SubscriptionMapping } from '@/lib/braze/subscriptions/mapping-schema';

/** A user property change as the subscription mapping reads it. */
export type SubscriptionSource = { key: string; op: string; value?: unknown };

export type SubscriptionFields = {
  /** Fields for the user's attributes object; empty when nothing mapped changed. */
  fields: {
    email_subscribe?: string;
    push_subscribe?: string;
    subscription_groups?: { subscription_group_id: string; subscription_state: string }[];
  };
  /** Values Braze would refuse: that one field is held back, the rest of the object is sent. */
  heldBack: { field: string; property: string; reason: string }[];
};

/**
 * The Braze subscription fields for one event's user-property changes (the last change of a
 * property wins, as the source applied them in order). A removed property has no subscription
 * state to send (Braze cannot unset one), so it is held back with that reason.
 */
export function buildSubscriptionFields(mapping: SubscriptionMapping, changes: readonly SubscriptionSource[]): SubscriptionFields {
  const latest = new Map<string, SubscriptionSource>();
  for (const change of changes) latest.set(change.key, change);
  const out: SubscriptionFields = { fields: {}, heldBack: [] };
  const valueOf = (field: string, property: string): { ok: true; value: unknown } | { ok: false } => {
    const change = latest.get(property);
    if (!change) return { ok: false };
    if (change.op === 'unset') {
      out.heldBack.push({ field, property, reason: `"${property}" was removed; Braze keeps a subscription state until another is sent` });
      return { ok: false };
    }
    return { ok: true, value: change.value };
  };
  for (const [field, property] of [['email_subscribe', mapping.emailSubscribe], ['push_subscribe', mapping.pushSubscribe]] as const) {
    if (!property) continue;
    const found = valueOf(field, property);
    if (!found.ok) continue;
    const read = readGlobalState(field, found.value);
    if (read.ok) out.fields[field] = read.state;
    else out.heldBack.push({ field, property, reason: read.reason });
  }
  for (const group of mapping.groups) {
    const field = `subscription_groups[${group.groupId}]`;
    const found = valueOf(field, group.property);
    if (!found.ok) continue;
    const read = readGroupState(group.groupId, found.value);
    if (!read.ok) {
      out.heldBack.push({ field, property: group.property, reason: read.reason });
      continue;
    }
    (out.fields.subscription_groups ??= []).push({ subscription_group_id: group.groupId, subscription_state: read.state });
  }
  return out;
}
