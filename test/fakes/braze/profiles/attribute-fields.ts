// Names with a fixed meaning in an attributes object (braze-api.md §2.4).

/** Keys that steer processing and are never stored on the profile. */
export const CONTROL_KEYS: ReadonlySet<string> = new Set(['_update_existing_only', '_merge_objects', 'push_token_import']);

/** Identifier keys: they select the profile, they do not set data on it. */
export const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['external_id', 'braze_id', 'user_alias', 'alias_name', 'alias_label']);

/** Standard profile fields; everything else is a custom attribute. */
export const STANDARD_FIELDS: ReadonlySet<string> = new Set([
  'first_name',
  'last_name',
  'home_city',
  'email',
  'phone',
  'country',
  'language',
  'time_zone',
  'dob',
  'gender',
  'date_of_first_session',
  'date_of_last_session',
  'marked_email_as_spam_at',
  'email_subscribe',
  'push_subscribe',
  'email_open_tracking_disabled',
  'email_click_tracking_disabled',
  'subscription_groups',
  'push_tokens',
  'current_location',
  'facebook',
  'twitter',
  'image_url',
]);

/**
 * Fields that cost no data points (braze-api.md §8 "Does not consume data points", §10.9):
 * subscription states, push tokens, country and language. Identifiers are free as well.
 */
export const FREE_FIELDS: ReadonlySet<string> = new Set([
  'country',
  'language',
  'email_subscribe',
  'push_subscribe',
  'subscription_groups',
  'push_tokens',
]);

export function isDataKey(key: string): boolean {
  return !CONTROL_KEYS.has(key) && !IDENTIFIER_FIELDS.has(key);
}
