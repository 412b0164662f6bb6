/**
 * The Amplitude ingestion contract (HTTP V2, Batch, Identify and Group Identify APIs, and the
 * legacy form upload of amplitude-js 8) as pure code: event schema,
 * request validation, limits, response bodies and user-property operations. No I/O; the HTTP
 * layer passes in the parsed body, the clock and the api-key lookup.
 */
export { amplitudeEventSchema, type AmplitudeEvent } from '@/lib/amplitude/event-schema';
export {
  EVENT_FIELD_KINDS,
  GROUP_IDENTIFY_EVENT_TYPE,
  IDENTIFY_EVENT_TYPE,
  type EventFieldKind,
  type EventFieldName,
} from '@/lib/amplitude/event-fields';
export {
  BATCH_LIMITS,
  DEFAULT_MIN_ID_LENGTH,
  HTTP_V2_LIMITS,
  MAX_ECHOED_API_KEY_LENGTH,
  MAX_PROPERTY_DEPTH,
  MAX_STRING_LENGTH,
  selectUploadLimits,
  type UploadEndpoint,
  type UploadLimits,
} from '@/lib/amplitude/limits';
export { checkRequestLimits, type RequestSize } from '@/lib/amplitude/check-request-limits';
export { parseUploadEnvelope, uploadEnvelopeSchema, type UploadEnvelope } from '@/lib/amplitude/upload-envelope';
export { validateUploadEvents, type UploadEventsContext } from '@/lib/amplitude/validate-upload-events';
export { validateUploadRequest, type UploadRequestContext } from '@/lib/amplitude/validate-upload-request';
export type { AcceptedUpload, InvalidEventsUpload, RejectedUpload, UploadValidation } from '@/lib/amplitude/upload-result';
export { parseIdentifyForm, type IdentifyFormContext } from '@/lib/amplitude/identify-form';
export { MAX_GROUP_IDENTIFICATIONS, parseGroupIdentifyForm } from '@/lib/amplitude/group-identify-form';
export { buildBadChecksumBody, checksumOf, LEGACY_SUCCESS_BODY, parseLegacyUpload } from '@/lib/amplitude/legacy-upload';
export {
  buildInvalidApiKeyBody,
  buildInvalidEventsBody,
  buildMissingEventBody,
  buildMissingFieldBody,
  buildPayloadTooLargeBody,
  buildRequestErrorBody,
  buildServiceUnavailableBody,
  buildSuccessBody,
  type EventIndexesByField,
  type InvalidEventsBody,
  type PayloadTooLargeBody,
  type RequestErrorBody,
  type RequestErrorMessage,
  type ServiceUnavailableBody,
  type SuccessBody,
} from '@/lib/amplitude/response-bodies';
export { buildTooManyRequestsBody, type CountsById, type ThrottleReport, type TooManyRequestsBody } from '@/lib/amplitude/throttle-body';
export { applyUserPropertyOperations } from '@/lib/amplitude/apply-user-property-operations';
export type { UserPropertyChange, UserPropertyUpdate } from '@/lib/amplitude/user-property-change';
export { isSameJsonValue } from '@/lib/amplitude/json-value-equality';
