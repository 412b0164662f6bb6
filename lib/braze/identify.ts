import { classifyTrackExchange } from '@/lib/braze/classify';
import { postBrazeJson, type PostOptions } from '@/lib/braze/http';
import type { TrackOutcome } from '@/lib/braze/outcome';

/** Braze merges at most 50 aliases per `/users/identify` request (braze-api.md §7.2). */
export const MAX_ALIASES_PER_IDENTIFY = 50;

/** One `aliases_to_identify` entry: the alias-only profile to fold into the user with `external_id`. */
export type AliasToIdentify = { external_id: string; user_alias: { alias_name: string; alias_label: string } };

export type SendIdentifyOptions = PostOptions & {
  aliases: readonly AliasToIdentify[];
  now?: () => number;
};

/**
 * POST one `/users/identify` request (braze-api.md §7.2) and classify the answer as `/users/track`
 * answers are (§3.4): Braze answers 201 `{"aliases_processed": n, "message": "success"}`, even
 * when an alias matched no profile, and the same statuses mean retry or refusal.
 */
export async function sendIdentify(options: SendIdentifyOptions): Promise<TrackOutcome> {
  if (options.aliases.length === 0 || options.aliases.length > MAX_ALIASES_PER_IDENTIFY) {
    throw new RangeError(`an identify request carries 1 to ${MAX_ALIASES_PER_IDENTIFY} aliases, got ${options.aliases.length}`);
  }
  const exchange = await postBrazeJson(options, '/users/identify', { aliases_to_identify: options.aliases });
  return classifyTrackExchange(exchange, options.apiKey, (options.now ?? Date.now)());
}
