/**
 * `event_type` is required and must be a non-empty string (HTTP V2 doc, "event_type: Required").
 * A `$groupidentify` event also needs `groups`, since it names the group it updates
 * (Amplitude-TypeScript `utils/event-builder.ts`, createGroupIdentifyEvent).
 */
import { GROUP_IDENTIFY_EVENT_TYPE } from '@/lib/amplitude/event-fields';
import { recordIssue, type EventIssues } from '@/lib/amplitude/event-issues';
import type { JsonObject } from '@/lib/amplitude/sanitize-json-value';

export function checkEventType(raw: JsonObject, event: JsonObject, index: number, issues: EventIssues): boolean {
  if (raw.event_type === undefined || raw.event_type === null) {
    recordIssue(issues.missingFields, 'event_type', index);
    return false;
  }
  // A wrongly typed event_type is already recorded as an invalid field.
  if (typeof event.event_type !== 'string') return false;
  if (event.event_type === '') {
    recordIssue(issues.invalidFields, 'event_type', index);
    return false;
  }
  if (event.event_type === GROUP_IDENTIFY_EVENT_TYPE && (raw.groups === undefined || raw.groups === null)) {
    recordIssue(issues.missingFields, 'groups', index);
    return false;
  }
  return true;
}
