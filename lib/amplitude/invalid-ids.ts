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

const LONGEST_INVALID_ID = Math.max(...[...INVALID_IDS].map((id) => id.length));

export function isPlaceholderId(id: string): boolean {
  // Real ids are mostly longer than any placeholder; skip lower-casing them on the hot path.
  return id.length <= LONGEST_INVALID_ID && INVALID_IDS.has(id.toLowerCase());
}
