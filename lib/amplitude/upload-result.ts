/**
 * Outcomes of validating an upload (HTTP V2, Batch or Identify). The HTTP layer answers
 * `accepted` with 200 and `buildSuccessBody`, anything else with `status` and `body` as they are.
 */
import type { AmplitudeEvent } from '@/lib/amplitude/event-schema';
import type { InvalidEventsBody, PayloadTooLargeBody, RequestErrorBody } from '@/lib/amplitude/response-bodies';

export interface AcceptedUpload {
  kind: 'accepted';
  apiKey: string;
  events: AmplitudeEvent[];
  /** Index in the request's `events` of each entry of `events`. */
  indexes: number[];
}

/**
 * Some events failed. `body` lists every bad index; the official SDKs drop exactly those and
 * resend the rest, so ingesting `events` here as well would ingest them twice (only `insert_id`
 * dedup would catch it). They are returned for callers that log or count them.
 */
export interface InvalidEventsUpload {
  kind: 'invalid-events';
  status: 400;
  body: InvalidEventsBody;
  apiKey: string;
  events: AmplitudeEvent[];
  indexes: number[];
  invalidIndexes: number[];
}

/** The request as a whole is refused (no body, bad JSON shape, missing or unknown api_key, too large). */
export interface RejectedUpload {
  kind: 'rejected';
  status: 400 | 413;
  body: RequestErrorBody | PayloadTooLargeBody;
}

export type UploadValidation = AcceptedUpload | InvalidEventsUpload | RejectedUpload;

export function rejectUpload(body: RequestErrorBody | PayloadTooLargeBody): RejectedUpload {
  return { kind: 'rejected', status: body.code, body };
}
