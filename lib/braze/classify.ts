import type { Exchange } from '@/lib/braze/http';
import {
  NO_RATE_LIMIT_INFO,
  type PermanentCause,
  type PermanentOutcome,
  type RetryableOutcome,
  type TrackOutcome,
} from '@/lib/braze/outcome';
import { findRetryAt, parseRateLimitHeaders } from '@/lib/braze/rate-limit';
import { redactStrings } from '@/lib/braze/redact';
import { parseJsonBody, readBrazeErrors, readBrazeMessage, readTrackResponse, snippetOf } from '@/lib/braze/response-body';

// HTTP/2 responses carry no reason phrase, so the names come from here.
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout',
  413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

// What each permanent status means for /users/track (braze-api.md §3.3) and what to do.
const PERMANENT: Readonly<Record<number, { cause: PermanentCause; hint: string }>> = {
  400: { cause: 'bad_request', hint: 'Braze refused the request body; it is not retried.' },
  401: { cause: 'unauthorized', hint: 'Check the REST API key, and that the endpoint is the cluster of your Braze dashboard (a key used on another cluster also gets 401).' },
  403: { cause: 'forbidden', hint: 'The key lacks the users.track permission, or the plan or account does not allow this call.' },
  404: { cause: 'not_found', hint: 'The REST endpoint URL is wrong.' },
  413: { cause: 'payload_too_large', hint: 'The request is over Braze\'s 4 MB limit; send fewer objects per request.' },
  415: { cause: 'unsupported_media_type', hint: 'Braze did not accept the Content-Type.' },
};

/**
 * Statuses that say Braze did not process the request (braze-api.md §3.4): 429 (rate limited),
 * 502 (failure before the destination server), 503 (reached, no capacity). 500, 504 and 408
 * leave it unknown.
 */
const NOT_PROCESSED = new Set([429, 502, 503]);

const MAX_INPUT_HINT = 'Too many objects in one request for this workspace; choose a smaller object limit.';

/**
 * Whether Braze refused the request for holding more objects than the workspace allows
 * (`400 Max Input Length Exceeded`, braze-api.md §2.1): the one refusal a smaller request cures.
 */
export function refusedForTooManyObjects(outcome: TrackOutcome): boolean {
  return outcome.kind === 'permanent' && outcome.status === 400 && outcome.reason.endsWith(MAX_INPUT_HINT);
}

function describeAnswer(status: number, text: string): string {
  const json = parseJsonBody(text);
  const message = readBrazeMessage(json);
  const shown = message !== undefined ? `"${snippetOf(message)}"` : snippetOf(text);
  const name = STATUS_NAMES[status];
  return `Braze answered ${status}${name ? ` ${name}` : ''}: ${shown}.`;
}

function classifyResponse(status: number, headers: Headers, text: string, now: number): TrackOutcome {
  const rateLimit = parseRateLimitHeaders(headers);
  const json = parseJsonBody(text);
  const message = readBrazeMessage(json);
  if (status >= 200 && status < 300 && message === 'success') {
    return { kind: 'accepted', status, response: readTrackResponse(json, message), ...readBrazeErrors(json), rateLimit };
  }
  if (status >= 200 && status < 300 && message === 'queued') return { kind: 'queued', status, message, rateLimit };
  const answer = describeAnswer(status, text);
  if (status === 429) {
    const retryAt = findRetryAt(headers, now);
    const when = retryAt === null ? '' : ` Retry after ${new Date(retryAt).toISOString()}.`;
    return { kind: 'retryable', status, cause: 'rate_limited', reason: `${answer} Rate limit reached.${when}`, retryAt, maybeProcessed: false, rateLimit };
  }
  if (status === 408 || status >= 500) {
    const cause = status === 408 ? 'request_timeout' : 'server_error';
    return { kind: 'retryable', status, cause, reason: answer, retryAt: null, maybeProcessed: !NOT_PROCESSED.has(status), rateLimit };
  }
  const known = PERMANENT[status];
  const hint = message === 'Max Input Length Exceeded' ? MAX_INPUT_HINT : known?.hint ?? unexpectedHint(status, headers);
  const cause = known?.cause ?? 'unexpected_response';
  return { kind: 'permanent', status, cause, reason: `${answer} ${hint}`, ...readBrazeErrors(json), rateLimit };
}

// A 2xx without "success" means Braze rejected the whole request (peers.md §0); it is not
// retried, since a retry of a request that was in fact recorded would duplicate its events.
function unexpectedHint(status: number, headers: Headers): string {
  if (status >= 300 && status < 400) {
    return `Redirects are not followed, so the API key never leaves the allowed endpoint (Location: ${snippetOf(headers.get('location') ?? '')}).`;
  }
  if (status >= 200 && status < 300) return 'Braze did not report success; the request is treated as not delivered.';
  return 'Unexpected status for /users/track; not retried.';
}

function permanentWithoutResponse(cause: PermanentCause, reason: string): PermanentOutcome {
  return { kind: 'permanent', status: null, cause, reason, minorErrors: [], otherErrors: [], rateLimit: NO_RATE_LIMIT_INFO };
}

function retryableWithoutResponse(cause: RetryableOutcome['cause'], reason: string): RetryableOutcome {
  // A connection never made (refused, unknown host) never reached Braze; one cut later may have.
  return { kind: 'retryable', status: null, cause, reason, retryAt: null, maybeProcessed: cause !== 'unreachable', rateLimit: NO_RATE_LIMIT_INFO };
}

const FAILURE_TEXT = {
  timeout: 'Braze did not answer in time',
  network: 'The connection to Braze failed',
  unreachable: 'Could not reach Braze',
  aborted: 'The call was cancelled',
} as const;

/**
 * Classify one exchange (braze-api.md §3.4): retry 408, 429, 5xx, timeouts and network
 * errors; never retry other 4xx. The outcome is scrubbed of the API key before it leaves.
 */
export function classifyTrackExchange(exchange: Exchange, apiKey: string, now: number): TrackOutcome {
  let outcome: TrackOutcome;
  if (exchange.kind === 'refused') {
    outcome = permanentWithoutResponse('endpoint_not_allowed', `Not sent: ${exchange.reason}.`);
  } else if (exchange.kind === 'failed') {
    outcome = retryableWithoutResponse(exchange.failure, `${FAILURE_TEXT[exchange.failure]} (${exchange.detail}).`);
  } else {
    outcome = classifyResponse(exchange.status, exchange.headers, exchange.text, now);
  }
  return redactStrings(outcome, apiKey);
}
