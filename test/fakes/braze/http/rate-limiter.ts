import type { RateLimit } from '@/test/fakes/braze/types';

// Fixed windows per API key and bucket (braze-api.md §4, §10.7). A window opens with the first
// request after the previous one closed. Braze documents clock alignment only for its hourly
// bucket (§4.1); opening on first use keeps short test windows deterministic.

interface Window {
  endsAt: number;
  used: number;
}

export type RateLimiter = Map<string, Window>;

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export function createRateLimiter(): RateLimiter {
  return new Map();
}

export function consumeRateLimit(limiter: RateLimiter, bucketKey: string, rule: RateLimit, now: number): RateDecision {
  let window = limiter.get(bucketKey);
  if (!window || now >= window.endsAt) {
    window = { endsAt: now + rule.windowMs, used: 0 };
    limiter.set(bucketKey, window);
  }
  const allowed = window.used < rule.limit;
  if (allowed) window.used += 1;
  return {
    allowed,
    headers: formatRateLimitHeaders(rule.limit, rule.limit - window.used, window.endsAt),
  };
}

/** Lower-case names, as Braze's HTTP/2 responses carry them (braze-api.md §4.2). */
export function formatRateLimitHeaders(limit: number, remaining: number, resetAtMs: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(0, remaining)),
    // Epoch seconds, rounded up so that waiting until then always reaches a fresh window.
    'x-ratelimit-reset': String(Math.ceil(resetAtMs / 1000)),
  };
}
