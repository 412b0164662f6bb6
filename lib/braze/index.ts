/**
 * Braze vendor folder: the REST endpoint table and allow-list, the `/users/track` wire schemas,
 * Braze's property rules, pure Amplitude → Braze transforms, batching, and the HTTP client with
 * its error classification. Knows nothing of our database, queue or env: config and `fetch`
 * are passed in. Facts come from shared/reference/braze-api.md (sections cited in each file).
 */
export { listBrazeInstances, type BrazeInstance } from '@/lib/braze/instances';
export { CUSTOM_CLUSTER, parseCustomEndpoints, resolveAllowedEndpoint, type AllowedEndpoint } from '@/lib/braze/endpoints';

export * from '@/lib/braze/schemas';
export type * from '@/lib/braze/types';
export {
  identifierMappingSchema,
  trackBatchModeSchema,
  type IdentifierMapping,
  type TrackBatchMode,
} from '@/lib/braze/config-schemas';

export { EVENT_PROPERTY_LIMITS, enforceEventPropertyRules, type CheckedProperties } from '@/lib/braze/properties';
export {
  ATTRIBUTE_LIMITS,
  checkArrayOperation,
  checkAttributeValue,
  type CheckedAttribute,
  type CheckedOperation,
} from '@/lib/braze/attribute-rules';
export { STANDARD_ATTRIBUTE_KEYS, findStandardAttribute } from '@/lib/braze/standard-attributes';

export * from '@/lib/braze/transform';
export { measureJsonBytes } from '@/lib/braze/json';

export {
  MAX_TRACK_PAYLOAD_BYTES,
  attributeMinorErrors,
  buildTrackBatch,
  chunkTrackObjects,
  trackBodyJson,
  requestCapacity,
  type AttributedMinorError,
  type RequestCapacity,
  type TrackBatch,
  type TrackItem,
} from '@/lib/braze/batch';

export { sendTrack, type SendTrackOptions } from '@/lib/braze/client';
export { refusedForTooManyObjects } from '@/lib/braze/classify';
export { MAX_ALIASES_PER_CALL, sendAliases, type AliasCall, type AliasToIdentify, type SendAliasesOptions, type SentAliases } from '@/lib/braze/identify';
export { sendUsersDelete, USERS_DELETE_MAX_IDS, type UsersDeleteBody, type UsersDeleteOutcome } from '@/lib/braze/users-delete';
export { testConnection, type ConnectionCheck, type ConnectionProblem } from '@/lib/braze/test-connection';
export type { FetchLike, PostOptions } from '@/lib/braze/http';
export type * from '@/lib/braze/outcome';
export { parseRateLimitHeaders, findRetryAt, type HeaderSource, type RateLimitInfo } from '@/lib/braze/rate-limit';
