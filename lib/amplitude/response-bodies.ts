/**
 * JSON bodies of Amplitude's HTTP V2 / Batch responses, shaped as documented in
 * https://amplitude.com/docs/apis/analytics/http-v2 ("Response format").
 *
 * The official SDKs read the status from the body's `code`, not from the HTTP status line, and
 * treat a body without `code` as unknown and retry it; so every body here carries `code` equal to
 * the HTTP status it is sent with.
 */
import { MAX_ECHOED_API_KEY_LENGTH } from '@/lib/amplitude/limits';

export interface SuccessBody {
  code: 200;
  events_ingested: number;
  payload_size_bytes: number;
  server_upload_time: number;
}

/** Field name → indexes into the request's `events`. */
export type EventIndexesByField = Record<string, number[]>;

/** Request-level faults. The SDKs drop the whole batch when `missing_field` is set or `error` starts with `Invalid API key`. */
export type RequestErrorMessage =
  | 'Invalid request path'
  | 'Missing request body'
  | 'Invalid JSON request body'
  | 'Request missing required field'
  | 'Invalid event JSON';

export interface RequestErrorBody {
  code: 400;
  error: string;
  missing_field?: string;
}

export interface InvalidEventsBody {
  code: 400;
  error: 'Invalid field values on some events';
  events_with_invalid_fields: EventIndexesByField;
  events_with_missing_fields: EventIndexesByField;
  events_with_invalid_id_lengths: EventIndexesByField;
}

export interface PayloadTooLargeBody {
  code: 413;
  error: 'Payload too large';
}

export interface ServiceUnavailableBody {
  code: 503;
  error: string;
}

export function buildSuccessBody(input: { eventsIngested: number; payloadSizeBytes: number; serverUploadTime: number }): SuccessBody {
  return {
    code: 200,
    events_ingested: input.eventsIngested,
    payload_size_bytes: input.payloadSizeBytes,
    server_upload_time: input.serverUploadTime,
  };
}

export function buildRequestErrorBody(error: Exclude<RequestErrorMessage, 'Request missing required field'>): RequestErrorBody {
  return { code: 400, error };
}

export function buildMissingFieldBody(field: string): RequestErrorBody {
  return { code: 400, error: 'Request missing required field', missing_field: field };
}

/** Amplitude echoes the key (`Invalid API key: <key>`); it is cut to a bounded length. */
export function buildInvalidApiKeyBody(apiKey: string): RequestErrorBody {
  return { code: 400, error: `Invalid API key: ${apiKey.slice(0, MAX_ECHOED_API_KEY_LENGTH)}` };
}

/**
 * Lists every offending index (the Batch doc's behaviour) rather than only the first one, so an
 * SDK drops exactly the bad events and resends the rest.
 */
export function buildInvalidEventsBody(issues: {
  invalidFields: EventIndexesByField;
  missingFields: EventIndexesByField;
  invalidIdLengths: EventIndexesByField;
}): InvalidEventsBody {
  return {
    code: 400,
    error: 'Invalid field values on some events',
    events_with_invalid_fields: issues.invalidFields,
    events_with_missing_fields: issues.missingFields,
    events_with_invalid_id_lengths: issues.invalidIdLengths,
  };
}

/** https://amplitude.com/docs/apis/analytics/identify: `missing_event` means `identification` is missing or malformed. */
export function buildMissingEventBody(): RequestErrorBody {
  return { code: 400, error: 'missing_event' };
}

/** The SDKs halve their batch size on 413 and resend; a single-event batch is dropped. */
export function buildPayloadTooLargeBody(): PayloadTooLargeBody {
  return { code: 413, error: 'Payload too large' };
}

/** 503 tells the SDK nothing was accepted, so its retry cannot duplicate events (HTTP V2 doc, "503"). */
export function buildServiceUnavailableBody(error = 'Service unavailable: nothing was ingested, retry later'): ServiceUnavailableBody {
  return { code: 503, error };
}
