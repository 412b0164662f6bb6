import { buildKeyRegistry, DEFAULT_API_KEY, type KeyRegistry } from '@/test/fakes/braze/http/authenticate';
import type { FaultQueue } from '@/test/fakes/braze/http/faults';
import { createRateLimiter, type RateLimiter } from '@/test/fakes/braze/http/rate-limiter';
import { clearProfileStore, createProfileStore, type ProfileStore } from '@/test/fakes/braze/profiles/profile-store';
import { clearRecorder, createRecorder, type Recorder } from '@/test/fakes/braze/record/recorder';
import type { FakeBrazeOptions, FakeDeclaredAttribute, ObjectLimitMode, RateLimit } from '@/test/fakes/braze/types';

// Current default: 3,000 requests per 3 seconds per workspace (braze-api.md §4.1).
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 3000, windowMs: 3000 };
// Most endpoints accept up to 4 MB (braze-api.md §2.1).
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_RECORD_LIMIT = 200_000;

/** Everything one fake instance knows: configuration, traffic record and profiles. */
export interface FakeState {
  keys: KeyRegistry;
  rateLimit: RateLimit;
  objectLimitMode: ObjectLimitMode;
  declaredAttributes: Map<string, FakeDeclaredAttribute>;
  maxBodyBytes: number;
  oversizeStatus: 413 | 400;
  limiter: RateLimiter;
  faults: FaultQueue;
  recorder: Recorder;
  store: ProfileStore;
}

export function createFakeState(options: FakeBrazeOptions): FakeState {
  return {
    keys: buildKeyRegistry(options.keys ?? [{ key: DEFAULT_API_KEY }]),
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    objectLimitMode: options.objectLimitMode ?? 'combined75',
    declaredAttributes: new Map((options.declaredAttributes ?? []).map((a) => [a.name, a])),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    oversizeStatus: options.oversizeStatus ?? 413,
    limiter: createRateLimiter(),
    faults: [],
    recorder: createRecorder(options.recordLimit ?? DEFAULT_RECORD_LIMIT),
    store: createProfileStore(),
  };
}

/** Forgets traffic, profiles, faults and rate windows; keeps keys and limits. */
export function resetFakeState(state: FakeState): void {
  state.limiter.clear();
  state.faults.length = 0;
  clearRecorder(state.recorder);
  clearProfileStore(state.store);
}
