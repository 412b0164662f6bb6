/**
 * What a user update holds back before it is queued, reported where failures are recorded
 * (fan-out keeps `invalid` entries as dead letters and counts them as not delivered): a
 * subscription state Braze would refuse, and a user property Braze's attribute rules drop
 * (strings over 255 characters, nested values over 100 KB, bad nested keys). Only that one
 * field is held back; the rest of the user's update is sent.
 */
import type { AmplitudeEvent, UserPropertyChange } from '@/lib/amplitude';
import type { PropertyIssue } from '@/lib/braze';
import { buildSubscriptionFields, type SubscriptionFields, type SubscriptionMapping } from '@/lib/braze/subscriptions';

export type HeldBackEntry = { event: AmplitudeEvent; reason: string; attribute?: string };

export const HELD_BACK_PREFIX = 'Held back from Braze: ';

/** The subscription fields of one event's changes; values Braze would refuse go to `heldBack`. */
export function subscriptionFieldsOf(
  mapping: SubscriptionMapping,
  event: AmplitudeEvent,
  made: readonly UserPropertyChange[],
  heldBack: HeldBackEntry[],
): SubscriptionFields['fields'] {
  const built = buildSubscriptionFields(mapping, made);
  for (const h of built.heldBack) heldBack.push({ event, reason: `${HELD_BACK_PREFIX}${h.reason}`, attribute: h.field });
  return built.fields;
}

/** A later change of the same field replaced it: nothing was lost, so nothing to report. */
const NOT_A_LOSS = new Set<PropertyIssue['reason']>(['name_collision']);

/** User properties Braze's attribute rules dropped from the update, each as a failure. */
export function reportDroppedAttributes(event: AmplitudeEvent, issues: readonly PropertyIssue[], heldBack: HeldBackEntry[]): void {
  for (const issue of issues) {
    if (issue.action !== 'dropped' || NOT_A_LOSS.has(issue.reason)) continue;
    heldBack.push({ event, reason: `${HELD_BACK_PREFIX}user property "${issue.key}": ${issue.detail}`, attribute: issue.key });
  }
}
