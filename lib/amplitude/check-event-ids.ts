/**
 * The id rules of https://amplitude.com/docs/apis/analytics/http-v2: an event needs `user_id` or
 * `device_id`; each sent id must not be a placeholder and must have at least `minIdLength`
 * characters. Amplitude's live server reports short ids in `events_with_invalid_id_lengths`
 * (Amplitude-TypeScript issue #81), and the SDKs drop the events listed there.
 */
import { GROUP_IDENTIFY_EVENT_TYPE } from '@/lib/amplitude/event-fields';
import { recordIssue, type EventIssues } from '@/lib/amplitude/event-issues';
import { isPlaceholderId } from '@/lib/amplitude/invalid-ids';
import type { JsonObject } from '@/lib/amplitude/sanitize-json-value';

const ID_FIELDS = ['user_id', 'device_id'] as const;

/**
 * `raw` is the event as sent, `event` the fields that passed their type check (a wrongly typed id
 * is already recorded as an invalid field). Returns whether the ids are acceptable.
 */
export function checkEventIds(raw: JsonObject, event: JsonObject, index: number, minIdLength: number, issues: EventIssues): boolean {
  let valid = true;
  let sentAnId = false;
  for (const field of ID_FIELDS) {
    if (raw[field] === undefined || raw[field] === null) continue;
    sentAnId = true;
    const id = event[field];
    if (typeof id !== 'string') {
      valid = false;
    } else if (isPlaceholderId(id)) {
      recordIssue(issues.invalidFields, field, index);
      valid = false;
    } else if (id.length < minIdLength) {
      recordIssue(issues.invalidIdLengths, field, index);
      valid = false;
    }
  }
  // A group identify updates a group, not a user: the SDKs' groupIdentify() may send it without ids.
  if (!sentAnId && event.event_type !== GROUP_IDENTIFY_EVENT_TYPE) {
    recordIssue(issues.missingFields, 'user_id', index);
    recordIssue(issues.missingFields, 'device_id', index);
    valid = false;
  }
  return valid;
}
