/**
 * Braze rate-limit headers (braze-api.md §4.2): `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
 * `X-RateLimit-Reset` (UTC epoch seconds), sent on every response and lower-case over HTTP/2,
 * so they are read case-insensitively.
 */
export type RateLimitInfo = {
  limit: number | null;
  remaining: number | null;
  /** When the window resets, epoch milliseconds. */
  resetAt: number | null;
};

/** Fetch `Headers`, or a plain record such as Node's `IncomingHttpHeaders`. */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted);
  const value = entry?.[1];
  return typeof value === 'string' ? value : value?.[0];
}

function readNumber(headers: HeaderSource, name: string): number | null {
  const text = readHeader(headers, name)?.trim();
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

export function parseRateLimitHeaders(headers: HeaderSource): RateLimitInfo {
  const resetSeconds = readNumber(headers, 'x-ratelimit-reset');
  return {
    limit: readNumber(headers, 'x-ratelimit-limit'),
    remaining: readNumber(headers, 'x-ratelimit-remaining'),
    resetAt: resetSeconds === null ? null : Math.round(resetSeconds * 1000),
  };
}

// Epoch seconds are above this; smaller numbers are a delay in seconds.
const EPOCH_SECONDS_FLOOR = 1_000_000_000;

/**
 * When a 429 may be retried, epoch ms. Braze documents only `X-RateLimit-Reset` (§3.4); a
 * `X-Ratelimit-Retry-After` is reported on 429s by RudderStack (peers.md §0, unverified) and
 * `Retry-After` is the HTTP standard, so all three are read and the latest time wins.
 */
export function findRetryAt(headers: HeaderSource, now: number): number | null {
  const candidates = [parseRateLimitHeaders(headers).resetAt];
  for (const name of ['x-ratelimit-retry-after', 'retry-after']) {
    const seconds = readNumber(headers, name);
    if (seconds !== null) candidates.push(seconds >= EPOCH_SECONDS_FLOOR ? seconds * 1000 : now + seconds * 1000);
    const date = seconds === null ? Date.parse(readHeader(headers, name) ?? '') : Number.NaN;
    if (Number.isFinite(date)) candidates.push(date);
  }
  const known = candidates.filter((value): value is number => value !== null);
  return known.length > 0 ? Math.max(...known) : null;
}
