/**
 * `POST /groupidentify` (https://amplitude.com/docs/apis/analytics/group-identify): `api_key` and
 * `identification`, one JSON object or an array of them, each `{group_type, group_value,
 * group_properties}`. Each becomes a `$groupidentify` event naming its group in `groups`, which is
 * how the SDKs' groupIdentify() sends it through HTTP V2, so both reach the group profiles alike.
 */
import { GROUP_IDENTIFY_EVENT_TYPE } from '@/lib/amplitude/event-fields';
import { createEventIssues, recordIssue } from '@/lib/amplitude/event-issues';
import { readIdentificationForm, type IdentifyFormContext } from '@/lib/amplitude/identify-form';
import { DEFAULT_MIN_ID_LENGTH, MAX_STRING_LENGTH } from '@/lib/amplitude/limits';
import { buildInvalidEventsBody } from '@/lib/amplitude/response-bodies';
import { isJsonObject } from '@/lib/amplitude/sanitize-json-value';
import type { UploadValidation } from '@/lib/amplitude/upload-result';
import { validateUploadEvents } from '@/lib/amplitude/validate-upload-events';

/** Group Identify API doc, "Considerations": at most 1024 group identifies per request (and 1 MB). */
export const MAX_GROUP_IDENTIFICATIONS = 1024;

export function parseGroupIdentifyForm(params: URLSearchParams, ctx: IdentifyFormContext): UploadValidation {
  const form = readIdentificationForm(params, ctx);
  if (form.kind === 'rejected') return form;
  const { apiKey, identifications } = form;
  const issues = createEventIssues();
  const invalidIndexes: number[] = [];
  identifications.forEach((identification, index) => {
    if (!checkGroupIdentification(identification, index, issues)) invalidIndexes.push(index);
  });
  if (invalidIndexes.length > 0) {
    return { kind: 'invalid-events', status: 400, body: buildInvalidEventsBody(issues), apiKey, events: [], indexes: [], invalidIndexes };
  }
  const limits = { ...ctx.limits, maxEvents: Math.min(ctx.limits?.maxEvents ?? MAX_GROUP_IDENTIFICATIONS, MAX_GROUP_IDENTIFICATIONS) };
  return validateUploadEvents(
    { apiKey, events: identifications.map(toGroupIdentifyEvent), minIdLength: DEFAULT_MIN_ID_LENGTH },
    { endpoint: 'httpapi', now: ctx.now, limits },
  );
}

/** `group_type` and `group_value` are non-empty strings within Amplitude's string limit; `group_properties` an object. */
function checkGroupIdentification(identification: unknown, index: number, issues: ReturnType<typeof createEventIssues>): boolean {
  if (!isJsonObject(identification)) {
    recordIssue(issues.invalidFields, 'identification', index);
    return false;
  }
  let valid = true;
  for (const field of ['group_type', 'group_value'] as const) {
    const value = identification[field];
    if (value === undefined || value === null || value === '') {
      recordIssue(issues.missingFields, field, index);
      valid = false;
    } else if (typeof value !== 'string' || value.length > MAX_STRING_LENGTH) {
      recordIssue(issues.invalidFields, field, index);
      valid = false;
    }
  }
  const properties = identification.group_properties;
  if (properties === undefined || properties === null) {
    recordIssue(issues.missingFields, 'group_properties', index);
    valid = false;
  } else if (!isJsonObject(properties)) {
    recordIssue(issues.invalidFields, 'group_properties', index);
    valid = false;
  }
  return valid;
}

function toGroupIdentifyEvent(identification: unknown): unknown {
  const { group_type, group_value, group_properties } = identification as { group_type: string; group_value: string; group_properties: unknown };
  // Object.fromEntries defines an own key, so a group type such as `__proto__` stays data.
  return { event_type: GROUP_IDENTIFY_EVENT_TYPE, groups: Object.fromEntries([[group_type, group_value]]), group_properties };
}
