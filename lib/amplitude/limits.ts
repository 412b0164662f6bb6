/**
 * Limits of Amplitude's ingestion APIs. Each number comes from Amplitude's docs, cited next to it,
 * so a compatible server rejects and truncates exactly where Amplitude does.
 */

export type UploadEndpoint = 'httpapi' | 'batch';

export interface UploadLimits {
  /** Largest request body, counted after gzip decompression. */
  maxBodyBytes: number;
  /** Most events in one request. */
  maxEvents: number;
  /** Longer string values are truncated, not rejected. */
  maxStringLength: number;
  /** Deepest nesting of a property map, the map itself counting as level 1. */
  maxPropertyDepth: number;
}

const MEBIBYTE = 1024 * 1024;

/** https://amplitude.com/docs/apis/analytics/http-v2 ("Every string value ... 1024 characters"); over-long values are truncated. */
export const MAX_STRING_LENGTH = 1024;

/** https://amplitude.com/docs/apis/analytics/http-v2 ("Object depth may not exceed 40 layers"). */
export const MAX_PROPERTY_DEPTH = 40;

/** https://amplitude.com/docs/apis/analytics/http-v2: user_id/device_id need at least 5 characters unless `options.min_id_length` says otherwise. */
export const DEFAULT_MIN_ID_LENGTH = 5;

/** An unknown key is echoed in `Invalid API key: <key>` as Amplitude does, cut so a hostile key cannot bloat the reply. */
export const MAX_ECHOED_API_KEY_LENGTH = 64;

/**
 * https://amplitude.com/docs/apis/analytics/http-v2: under 1 MB and under 2000 events per request,
 * counted after gzip decompression, else 413.
 */
export const HTTP_V2_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxBodyBytes: MEBIBYTE,
  maxEvents: 2000,
  maxStringLength: MAX_STRING_LENGTH,
  maxPropertyDepth: MAX_PROPERTY_DEPTH,
});

/** https://amplitude.com/docs/apis/analytics/batch-event-upload: JSON payload at most 20 MB and 2000 events per batch, else 413. */
export const BATCH_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxBodyBytes: 20 * MEBIBYTE,
  maxEvents: 2000,
  maxStringLength: MAX_STRING_LENGTH,
  maxPropertyDepth: MAX_PROPERTY_DEPTH,
});

/** The limits of an endpoint, with the caller's overrides (e.g. from the deployment's config) applied. */
export function selectUploadLimits(endpoint: UploadEndpoint, overrides?: Partial<UploadLimits>): UploadLimits {
  const base = endpoint === 'batch' ? BATCH_LIMITS : HTTP_V2_LIMITS;
  return { ...base, ...omitUndefined(overrides) };
}

function omitUndefined(overrides: Partial<UploadLimits> | undefined): Partial<UploadLimits> {
  if (overrides === undefined) return {};
  const defined: Partial<UploadLimits> = {};
  for (const key of Object.keys(overrides) as (keyof UploadLimits)[]) {
    const value = overrides[key];
    if (value !== undefined) defined[key] = value;
  }
  return defined;
}
