import { enforceEventPropertyRules } from '@/lib/braze/properties';
import type { SourceEvent } from '@/lib/braze/source-event';
import type { BrazeEventObject, BrazeIdentifier, PropertyIssue } from '@/lib/braze/types';

export type BuildEventOptions = {
  identifier: BrazeIdentifier;
  /** Braze App Identifier; optional in `/users/track` (braze-api.md §6). */
  appId?: string;
  /** Already selected properties (see `selectProperties`); Braze's rules are applied here. */
  properties?: Record<string, unknown>;
  /** "Update Users Only": Braze skips the event when the user does not exist (§2.3). */
  updateExistingOnly?: boolean;
};

export type BuiltEvent =
  | { ok: true; event: BrazeEventObject; issues: PropertyIssue[] }
  | { ok: false; reason: string };

// Date's own range (±8.64e15 ms); beyond it toISOString throws.
const MAX_EPOCH_MS = 8.64e15;

/** A Braze event object (braze-api.md §2.6) for one source event. */
export function buildBrazeEvent(event: SourceEvent, options: BuildEventOptions): BuiltEvent {
  if (event.event_type.trim() === '') return { ok: false, reason: 'Braze events need a name; event_type is empty' };
  if (!Number.isFinite(event.time) || Math.abs(event.time) > MAX_EPOCH_MS) {
    return { ok: false, reason: `event time ${String(event.time)} is not a valid epoch-milliseconds value` };
  }
  const { properties, issues } = enforceEventPropertyRules(options.properties ?? {});
  const built: BrazeEventObject = {
    ...options.identifier,
    ...(options.appId ? { app_id: options.appId } : {}),
    name: event.event_type,
    // ISO 8601 in UTC with milliseconds; Braze replaces future times with "now" (§2.6).
    time: new Date(event.time).toISOString(),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(options.updateExistingOnly === true ? { _update_existing_only: true } : {}),
  };
  return { ok: true, event: built, issues };
}
