/**
 * How every Braze call of the worker is made: to the workspace's allow-listed endpoint with the
 * configured timeout, paced by the workspace's shared rate limiter (lib/pipeline/state/rate-limiter),
 * which then learns Braze's answer. `/users/track` (lib/pipeline/deliver/send-track), identifies
 * and merges (lib/anonymous/identify-sender) and `/users/delete` (lib/privacy/forward-deletion)
 * all go through here, so a call that skips the limiter or the allow-list cannot be written by
 * forgetting one step.
 */
import type { FetchLike, PostOptions } from '@/lib/braze/http';
import { brazeFetch } from '@/lib/braze/transport';
import type { RateLimitInfo } from '@/lib/braze/rate-limit';
import { env } from '@/lib/env';
import type { RuntimeSync } from '@/lib/syncs/runtime';
import type { WorkspaceRateLimiter } from '@/lib/pipeline/state/rate-limiter';

/** The reason given for a call not made because the workspace's window is used up. */
export const WINDOW_USED_UP = 'Braze rate limit of this workspace used up; waiting for its reset';

type Limiter = Pick<WorkspaceRateLimiter, 'acquire' | 'observe'>;

/** Where and how a sync's calls go: its endpoint and key, the allow-list and timeout of the config. */
export function brazeCallOptions(sync: Pick<RuntimeSync, 'brazeEndpoint' | 'restApiKey'>, fetchImpl: FetchLike = brazeFetch): PostOptions {
  const config = env();
  return {
    baseUrl: sync.brazeEndpoint,
    apiKey: sync.restApiKey,
    fetch: fetchImpl,
    timeoutMs: config.BRAZE_REQUEST_TIMEOUT_MS,
    allowedEndpoints: config.BRAZE_CUSTOM_ENDPOINTS,
  };
}

/**
 * Takes one call from the workspace's window: 0 when it may go now, else the ms until the window
 * resets. A reset within `inlineWaitMs` is waited out here, once.
 */
export async function takeCall(limiter: Limiter, restApiKey: string, inlineWaitMs = 0): Promise<number> {
  const wait = await limiter.acquire(restApiKey);
  if (wait <= 0 || wait > inlineWaitMs) return wait;
  await new Promise((r) => setTimeout(r, wait));
  return limiter.acquire(restApiKey);
}

/** Tells the limiter Braze's answer (its rate-limit headers, a 429); a call Braze never answered tells nothing. */
export async function observeAnswer(limiter: Limiter, restApiKey: string, answer: { status: number | null; rateLimit: RateLimitInfo }): Promise<void> {
  if (answer.status === null) return;
  await limiter.observe(restApiKey, answer.rateLimit, answer.status === 429);
}
