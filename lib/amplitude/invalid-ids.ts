/**
 * Placeholder values that Amplitude rejects as user_id or device_id, compared case-insensitively
 * (https://amplitude.com/docs/apis/analytics/http-v2, "Device IDs and User IDs minimum length").
 * The all-zero UUID is the IDFA of an iOS device with Limit Ad Tracking on.
 */
const INVALID_IDS: ReadonlySet<string> = new Set([
  'anonymous',
  'nil',
  'none',
  'null',
  'n/a',
  'na',
  'undefined',
  'unknown',
  '',
  '00000000-0000-0000-0000-000000000000',
  '{}',
  'lmy47d',
  '0',
  '-1',
]);

/** Only placeholders with letters can differ in case; real ids (often 36-character UUIDs) are longer than all of them. */
const LONGEST_LETTERED_ID = Math.max(...[...INVALID_IDS].filter((id) => /[a-z]/.test(id)).map((id) => id.length));

export function isPlaceholderId(id: string): boolean {
  return INVALID_IDS.has(id) || (id.length <= LONGEST_LETTERED_ID && INVALID_IDS.has(id.toLowerCase()));
}
