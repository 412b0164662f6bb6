import { classifyTrackExchange } from '@/lib/braze/classify';
import { postBrazeText, type PostOptions } from '@/lib/braze/http';
import { trackBodyJson } from '@/lib/braze/batch';
import type { TrackOutcome } from '@/lib/braze/outcome';
import type { TrackRequestBody } from '@/lib/braze/types';

export type SendTrackOptions = PostOptions & {
  body: TrackRequestBody;
  /** The body's JSON, for a caller that remembers its objects' text (lib/pipeline/deliver/object-bytes); else serialised here. */
  bodyJson?: (body: TrackRequestBody) => string;
  /** Clock for turning a relative Retry-After into a time; defaults to Date.now. */
  now?: () => number;
};

/**
 * POST one request to `${baseUrl}/users/track` (braze-api.md §1) and classify the answer.
 * Never throws for anything Braze or the network does; only a programming error (a bad
 * timeout) throws.
 */
export async function sendTrack(options: SendTrackOptions): Promise<TrackOutcome> {
  const exchange = await postBrazeText(options, '/users/track', (options.bodyJson ?? trackBodyJson)(options.body));
  return classifyTrackExchange(exchange, options.apiKey, (options.now ?? Date.now)());
}
