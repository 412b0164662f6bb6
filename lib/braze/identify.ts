import { classifyTrackExchange } from '@/lib/braze/classify';
import { postBrazeJson, type PostOptions } from '@/lib/braze/http';
import type { TrackOutcome } from '@/lib/braze/outcome';
import { redactStrings } from '@/lib/braze/redact';
import { parseJsonBody, snippetOf } from '@/lib/braze/response-body';

/**
 * Braze takes at most 50 aliases per `/users/identify` request and 50 merge updates per
 * `/users/merge` request (braze-api.md §7.2, §7.3).
 */
export const MAX_ALIASES_PER_CALL = 50;

/** An alias-only profile to fold into the user with `external_id`. */
export type AliasToIdentify = { external_id: string; user_alias: { alias_name: string; alias_label: string } };

/**
 * `identify` folds the alias into the user, or names the alias's profile with the external_id
 * when no user has it yet (§7.2). A user that already holds an alias of the same label is not
 * combined by identify (a second device of the user): `merge` folds that alias's profile into the
 * user with `/users/merge` (§7.3), which Braze applies asynchronously.
 */
export type AliasCall = 'identify' | 'merge';

export type SendAliasesOptions = PostOptions & {
  call: AliasCall;
  aliases: readonly AliasToIdentify[];
  now?: () => number;
};

function requestOf(call: AliasCall, aliases: readonly AliasToIdentify[]): { path: string; body: Record<string, unknown> } {
  if (call === 'identify') return { path: '/users/identify', body: { aliases_to_identify: aliases } };
  const merges = aliases.map((a) => ({ identifier_to_merge: { user_alias: a.user_alias }, identifier_to_keep: { external_id: a.external_id } }));
  return { path: '/users/merge', body: { merge_updates: merges } };
}

export type SentAliases = {
  outcome: TrackOutcome;
  /** What was sent and Braze's body as it answered (JSON, or a snippet of other text), for the delivery log. */
  path: string;
  body: Record<string, unknown>;
  answer: unknown;
};

/**
 * POST one `/users/identify` or `/users/merge` request and classify the answer as `/users/track`
 * answers are (§3.4): both answer success (201 or 202) even when an alias matched no profile, and
 * the same statuses mean retry or refusal.
 */
export async function sendAliases(options: SendAliasesOptions): Promise<SentAliases> {
  if (options.aliases.length === 0 || options.aliases.length > MAX_ALIASES_PER_CALL) {
    throw new RangeError(`an alias request carries 1 to ${MAX_ALIASES_PER_CALL} aliases, got ${options.aliases.length}`);
  }
  const { path, body } = requestOf(options.call, options.aliases);
  const exchange = await postBrazeJson(options, path, body);
  const outcome = classifyTrackExchange(exchange, options.apiKey, (options.now ?? Date.now)());
  const answer = exchange.kind === 'response' ? redactStrings(parseJsonBody(exchange.text) ?? snippetOf(exchange.text), options.apiKey) : undefined;
  return { outcome, path, body, answer };
}
