import { classifyTrackExchange } from '@/lib/braze/classify';
import { postBrazeJson, type PostOptions } from '@/lib/braze/http';
import type { PermanentOutcome, RetryableOutcome } from '@/lib/braze/outcome';
import { parseRateLimitHeaders, type RateLimitInfo } from '@/lib/braze/rate-limit';
import { parseJsonBody } from '@/lib/braze/response-body';

/** One identifier list of a `/users/delete` body (braze-api.md §7.4: exactly one list, ≤ 50 entries). */
export type UsersDeleteBody =
  | { external_ids: string[] }
  | { braze_ids: string[] }
  | { user_aliases: { alias_name: string; alias_label: string }[] }
  | { email_addresses: { email: string; prioritization: string[] }[] };

// https://www.braze.com/docs/api/endpoints/user_data/post_user_delete: at most 50 per request.
export const USERS_DELETE_MAX_IDS = 50;

export type UsersDeleteOutcome =
  | { kind: 'accepted'; status: number; deleted: number | null; rateLimit: RateLimitInfo }
  | RetryableOutcome
  | PermanentOutcome;

/**
 * POST one `/users/delete` request. Braze answers `{"deleted": n}` (users queued for deletion)
 * without the `message` of `/users/track`, so a 2xx carrying `deleted` is read here; any other
 * answer is classified exactly as a track call is (retryable 408/429/5xx and network failures,
 * permanent other 4xx). Never throws for anything Braze or the network does.
 */
export async function sendUsersDelete(options: PostOptions & { body: UsersDeleteBody; now?: () => number }): Promise<UsersDeleteOutcome> {
  const exchange = await postBrazeJson(options, '/users/delete', options.body);
  if (exchange.kind === 'response' && exchange.status >= 200 && exchange.status < 300) {
    const json = parseJsonBody(exchange.text) as { deleted?: unknown } | undefined;
    if (typeof json?.deleted === 'number') {
      return { kind: 'accepted', status: exchange.status, deleted: json.deleted, rateLimit: parseRateLimitHeaders(exchange.headers) };
    }
  }
  const outcome = classifyTrackExchange(exchange, options.apiKey, (options.now ?? Date.now)());
  if (outcome.kind === 'accepted' || outcome.kind === 'queued') return { kind: 'accepted', status: outcome.status, deleted: null, rateLimit: outcome.rateLimit };
  return outcome;
}
