import type { Reply } from '@/test/fakes/braze/http/reply';
import type { FakeState } from '@/test/fakes/braze/state';
import type { RateLimit } from '@/test/fakes/braze/types';

/** What a Braze endpoint handler sees once auth, rate limit and JSON parsing have passed. */
export interface RouteInput {
  state: FakeState;
  body: unknown;
  apiKey: string;
  path: string;
  /** The query string (GET endpoints) and the address the request came to, for Link headers. */
  query: URLSearchParams;
  origin: string;
  receivedAt: number;
}

export interface BrazeRoute {
  /** Default POST; export endpoints are GET, with no body. */
  method?: 'GET' | 'POST';
  /** The API key permission the endpoint needs (braze-api.md §5). */
  permission: string;
  /** Endpoints that share a bucket share one window per key (braze-api.md §4.3). */
  rateBucket: string;
  rateLimit(state: FakeState): RateLimit;
  /** Injected faults apply to /users/track* only. */
  acceptsFaults: boolean;
  /** Per-endpoint payload limit and its status, when it differs from the server default. */
  bodyLimit?: { maxBytes: number; status: 413 | 400 };
  handle(input: RouteInput): Reply;
}
