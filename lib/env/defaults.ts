/**
 * Defaults that let the product start on a fresh machine with no `.env` at all:
 * the local Postgres and Redis that a developer machine runs.
 */
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/braze_streaming';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
