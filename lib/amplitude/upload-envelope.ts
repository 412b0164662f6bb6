/**
 * The request envelope of `POST /2/httpapi` and `POST /batch`:
 * `{ api_key, events, options: { min_id_length } }` (https://amplitude.com/docs/apis/analytics/http-v2).
 * The TS SDKs add `client_upload_time` and `request_metadata` and send `options: {}`, so unknown
 * top-level keys are accepted and ignored. Checked with zod: this runs once per request.
 */
import { z } from 'zod';
import { DEFAULT_MIN_ID_LENGTH } from '@/lib/amplitude/limits';
import { buildMissingFieldBody, buildRequestErrorBody } from '@/lib/amplitude/response-bodies';
import { isJsonObject } from '@/lib/amplitude/sanitize-json-value';
import { rejectUpload, type RejectedUpload } from '@/lib/amplitude/upload-result';

export const uploadEnvelopeSchema = z.object({
  api_key: z.string().min(1),
  events: z.array(z.unknown()),
  options: z.object({ min_id_length: z.int().min(1).nullish() }).nullish(),
});

export interface UploadEnvelope {
  kind: 'envelope';
  apiKey: string;
  /** Raw entries of `events`, checked one by one later so that one bad event does not sink the rest. */
  events: unknown[];
  minIdLength: number;
}

/** `body` is the parsed JSON, or undefined when the request had no body. */
export function parseUploadEnvelope(body: unknown): UploadEnvelope | RejectedUpload {
  if (body === undefined || body === null) return rejectUpload(buildRequestErrorBody('Missing request body'));
  if (!isJsonObject(body)) return rejectUpload(buildRequestErrorBody('Invalid JSON request body'));
  const parsed = uploadEnvelopeSchema.safeParse(body);
  if (parsed.success) {
    return {
      kind: 'envelope',
      apiKey: parsed.data.api_key,
      events: parsed.data.events,
      minIdLength: parsed.data.options?.min_id_length ?? DEFAULT_MIN_ID_LENGTH,
    };
  }
  const failedKeys = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  // The SDKs drop the whole batch when `missing_field` is set, so name it whenever we can.
  if (failedKeys.has('api_key')) return rejectUpload(buildMissingFieldBody('api_key'));
  if (failedKeys.has('events') && (body.events === undefined || body.events === null)) {
    return rejectUpload(buildMissingFieldBody('events'));
  }
  return rejectUpload(buildRequestErrorBody('Invalid JSON request body'));
}
