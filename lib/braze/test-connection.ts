import { classifyTrackExchange } from '@/lib/braze/classify';
import { postBrazeJson, type PostOptions } from '@/lib/braze/http';
import type { PermanentCause, RetryableCause } from '@/lib/braze/outcome';
import type { RateLimitInfo } from '@/lib/braze/rate-limit';

export type ConnectionProblem =
  | 'endpoint_not_allowed'
  | 'invalid_key_or_cluster'
  | 'missing_permission'
  | 'wrong_endpoint'
  | 'rate_limited'
  | 'braze_unavailable'
  | 'unreachable'
  | 'unexpected_response';

export type ConnectionCheck =
  | { ok: true; status: number; detail: string; rateLimit: RateLimitInfo }
  | { ok: false; problem: ConnectionProblem; status: number | null; reason: string };

// An empty body: `/users/track` with no objects. Braze checks the key and its `users.track`
// permission before it reads the body, then refuses the empty body with 400 "Valid data must
// be provided in the 'attributes', 'events', or 'purchases' fields." (braze-api.md §3.3). So a
// 400 proves the key works for exactly the endpoint we use, and nothing is written. The
// alternative, `/users/export/ids`, needs a different permission (`users.export.ids`), so a key
// made only for tracking would fail it with 403 although it is fine for streaming.
const PROBE_BODY = {};

/**
 * A harmless call that tells apart the setup mistakes the wizard can name: wrong key or
 * wrong cluster (401; Braze answers both the same way), missing permission (403), a URL that
 * is not a REST endpoint (404), and an unreachable host.
 */
export async function testConnection(options: PostOptions): Promise<ConnectionCheck> {
  const exchange = await postBrazeJson(options, '/users/track', PROBE_BODY);
  const outcome = classifyTrackExchange(exchange, options.apiKey, Date.now());
  switch (outcome.kind) {
    case 'accepted':
    case 'queued':
      return { ok: true, status: outcome.status, detail: `Braze accepted the key (${outcome.status}).`, rateLimit: outcome.rateLimit };
    case 'retryable':
      return { ok: false, problem: RETRYABLE_PROBLEMS[outcome.cause], status: outcome.status, reason: outcome.reason };
    case 'permanent':
      if (outcome.cause === 'bad_request') {
        return { ok: true, status: 400, detail: 'Braze accepted the key (it refused only the empty test body).', rateLimit: outcome.rateLimit };
      }
      return { ok: false, problem: PERMANENT_PROBLEMS[outcome.cause], status: outcome.status, reason: outcome.reason };
  }
}

const RETRYABLE_PROBLEMS: Readonly<Record<RetryableCause, ConnectionProblem>> = {
  rate_limited: 'rate_limited',
  server_error: 'braze_unavailable',
  request_timeout: 'braze_unavailable',
  timeout: 'unreachable',
  network: 'unreachable',
  unreachable: 'unreachable',
  aborted: 'unreachable',
};

const PERMANENT_PROBLEMS: Readonly<Record<Exclude<PermanentCause, 'bad_request'>, ConnectionProblem>> = {
  unauthorized: 'invalid_key_or_cluster',
  forbidden: 'missing_permission',
  not_found: 'wrong_endpoint',
  endpoint_not_allowed: 'endpoint_not_allowed',
  payload_too_large: 'unexpected_response',
  unsupported_media_type: 'unexpected_response',
  unexpected_response: 'unexpected_response',
};
