/**
 * `POST /identify` (https://amplitude.com/docs/apis/analytics/identify): a form with `api_key` and
 * `identification`, a JSON object or array of objects. Each identification becomes a `$identify`
 * event timed now, which is how the SDKs send identify calls through HTTP V2 anyway
 * (Amplitude-TypeScript `utils/event-builder.ts`), so one pipeline handles both.
 */
import { IDENTIFY_EVENT_TYPE } from '@/lib/amplitude/event-fields';
import type { UploadLimits } from '@/lib/amplitude/limits';
import { DEFAULT_MIN_ID_LENGTH } from '@/lib/amplitude/limits';
import { buildInvalidApiKeyBody, buildMissingEventBody, buildMissingFieldBody } from '@/lib/amplitude/response-bodies';
import { isJsonObject, type JsonObject } from '@/lib/amplitude/sanitize-json-value';
import { rejectUpload, type RejectedUpload, type UploadValidation } from '@/lib/amplitude/upload-result';
import { validateUploadEvents } from '@/lib/amplitude/validate-upload-events';

/** Identification keys of the Identify API doc; others (even `event_type` or `time`) are ignored. */
export const IDENTIFICATION_KEYS = [
  'user_id',
  'device_id',
  'user_properties',
  'groups',
  'app_version',
  'platform',
  'os_name',
  'os_version',
  'device_brand',
  'device_manufacturer',
  'device_model',
  'carrier',
  'country',
  'region',
  'city',
  'dma',
  'language',
  'paying',
  'start_version',
] as const;

export interface IdentifyFormContext {
  now: number;
  isKnownApiKey?: (apiKey: string) => boolean;
  /** Defaults to the HTTP V2 limits; the Identify doc states none of its own. */
  limits?: Partial<UploadLimits>;
}

/** `params` holds the form body, or the query string of a GET, which the doc also allows. */
export function parseIdentifyForm(params: URLSearchParams, ctx: IdentifyFormContext): UploadValidation {
  const form = readIdentificationForm(params, ctx);
  if (form.kind === 'rejected') return form;
  const { apiKey, identifications } = form;
  return validateUploadEvents(
    { apiKey, events: identifications.map(toIdentifyEvent), minIdLength: DEFAULT_MIN_ID_LENGTH },
    { endpoint: 'httpapi', now: ctx.now, limits: ctx.limits },
  );
}

/**
 * The `api_key` and `identification` fields shared by the Identify and Group Identify APIs:
 * `identification` holds one JSON object or a non-empty array of them; anything else is
 * `missing_event`.
 */
export function readIdentificationForm(
  params: URLSearchParams,
  ctx: Pick<IdentifyFormContext, 'isKnownApiKey'>,
): { kind: 'form'; apiKey: string; identifications: unknown[] } | RejectedUpload {
  const apiKey = params.get('api_key');
  if (apiKey === null || apiKey === '') return rejectUpload(buildMissingFieldBody('api_key'));
  if (ctx.isKnownApiKey !== undefined && !ctx.isKnownApiKey(apiKey)) return rejectUpload(buildInvalidApiKeyBody(apiKey));
  const identifications = readIdentifications(params.get('identification'));
  if (identifications === undefined) return rejectUpload(buildMissingEventBody());
  return { kind: 'form', apiKey, identifications };
}

function readIdentifications(text: string | null): unknown[] | undefined {
  if (text === null || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (isJsonObject(parsed)) return [parsed];
  if (Array.isArray(parsed) && parsed.length > 0) return parsed;
  return undefined;
}

/** Non-objects pass through unchanged so the event checks report their index as invalid. */
function toIdentifyEvent(identification: unknown): unknown {
  if (!isJsonObject(identification)) return identification;
  const event: JsonObject = { event_type: IDENTIFY_EVENT_TYPE };
  for (const key of IDENTIFICATION_KEYS) {
    if (Object.hasOwn(identification, key)) event[key] = identification[key];
  }
  return event;
}
