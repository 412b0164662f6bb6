/**
 * Sign-in throttling: at most `max` attempts per client address per `window` seconds; the next
 * one is answered 429 with the seconds to wait. Enough for typos, far too few for guessing.
 */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 5 } as const;
