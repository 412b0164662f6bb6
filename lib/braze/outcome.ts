import type { RateLimitInfo } from '@/lib/braze/rate-limit';
import type { TrackArrayName, TrackResponse } from '@/lib/braze/types';

/**
 * An object Braze did not apply, named by its array and its index there, with Braze's reason:
 * the `{type, input_array, index}` entries of `errors` (braze-api.md §3.2), read once.
 */
export type MinorError = { array: TrackArrayName; index: number; reason: string };

/**
 * The result of one `/users/track` call, classified once (braze-api.md §3.4, STYLE.md §3).
 * `accepted` and `queued` are delivered; `retryable` may be sent again later; `permanent` must
 * not be (fix the payload or the configuration first). No field ever holds the API key.
 */
export type TrackOutcome = AcceptedOutcome | QueuedOutcome | RetryableOutcome | PermanentOutcome;

export type AcceptedOutcome = {
  kind: 'accepted';
  status: number;
  response: TrackResponse;
  /** Objects Braze did not apply, by `input_array` + `index` (§3.2); the rest were accepted. */
  minorErrors: MinorError[];
  /** Error entries in a shape we cannot tie to an object, kept as text. */
  otherErrors: string[];
  rateLimit: RateLimitInfo;
};

/**
 * 202 `{"message":"queued"}`: during maintenance Braze queues calls to process later (§3.3).
 * Treated as delivered and never retried: Braze does not deduplicate, so re-sending a queued
 * request would record its events twice (§1). A separate kind so metrics can show it.
 */
export type QueuedOutcome = { kind: 'queued'; status: number; message: string; rateLimit: RateLimitInfo };

/**
 * `unreachable`: no connection was made (refused, unknown host, TLS failure), so Braze never saw
 * the request; `network`: the connection failed later, so Braze may have processed it.
 */
export type RetryableCause = 'rate_limited' | 'server_error' | 'request_timeout' | 'timeout' | 'network' | 'unreachable' | 'aborted';

export type RetryableOutcome = {
  kind: 'retryable';
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  cause: RetryableCause;
  reason: string;
  /** Earliest sensible retry (epoch ms) from the rate-limit headers, when Braze said. */
  retryAt: number | null;
  /**
   * Whether Braze may have processed the request anyway: re-sending it then may duplicate its
   * objects (429, 502, 503 and a connection never made say it did not; §3.4).
   */
  maybeProcessed: boolean;
  rateLimit: RateLimitInfo;
};

export type PermanentCause =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'endpoint_not_allowed'
  | 'unexpected_response';

export type PermanentOutcome = {
  kind: 'permanent';
  /** HTTP status, or null when the call was refused before sending. */
  status: number | null;
  cause: PermanentCause;
  reason: string;
  /** Per-object errors of a 400 where every object was invalid (§3.3). */
  minorErrors: MinorError[];
  otherErrors: string[];
  rateLimit: RateLimitInfo;
};

export const NO_RATE_LIMIT_INFO: RateLimitInfo = Object.freeze({ limit: null, remaining: null, resetAt: null });
