import { coerceToType } from '@/lib/braze/attribute-guard/coerce';
import { typeOfValue, type GuardType } from '@/lib/braze/attribute-guard/data-types';
import type { JsonValue } from '@/lib/braze/types';

/** What the guard knows of one custom attribute. */
export type AttributeRule = {
  /** Null when the type is unknown: only the blocklist applies. */
  type: GuardType | null;
  /** Braze's maximum array length for an Array attribute, when declared. */
  arrayLength: number | null;
  blocklisted: boolean;
  /** `declared`: read from the workspace; `first_type`: the first type this sync sent. */
  source: 'declared' | 'first_type';
};

export type HeldBackAttribute = { field: string; reason: string };

export type GuardedObject = {
  object: Record<string, unknown>;
  heldBack: HeldBackAttribute[];
  /** Fields whose value was converted to the attribute's type. */
  coerced: string[];
  /** Custom attributes sent with a type no rule knew yet: the first type of each (for first-type memory). */
  firstTypes: { field: string; type: GuardType }[];
};

/**
 * Fields of an attributes object that are not custom attributes: identifiers, flags, Braze
 * standard profile fields and subscription states (braze-api.md §2.4). The guard leaves them be.
 */
export const NON_CUSTOM_FIELDS: ReadonlySet<string> = new Set([
  'external_id', 'braze_id', 'user_alias', 'email', 'phone', '_update_existing_only', '_merge_objects', 'push_token_import',
  'first_name', 'last_name', 'home_city', 'country', 'language', 'gender', 'dob', 'time_zone', 'bio', 'image_url',
  'email_subscribe', 'push_subscribe', 'sms_subscribe', 'subscription_groups', 'push_tokens', 'current_location',
  'facebook', 'twitter', 'alias_name', 'alias_label', 'date_of_first_session', 'date_of_last_session',
  'email_open_tracking_disabled', 'email_click_tracking_disabled', 'marked_email_as_spam_at',
]);

function whyTyped(field: string, rule: AttributeRule & { type: GuardType }): string {
  return rule.source === 'declared'
    ? `"${field}" is a ${rule.type} attribute in Braze`
    : `"${field}" was first sent to Braze as ${rule.type}, and changing an attribute's type drops users from segments`;
}

function trimToLength(value: JsonValue, max: number | null): JsonValue {
  // Braze keeps the newest items of an array over its declared length; sending only those stores the same.
  return Array.isArray(value) && max !== null && max > 0 && value.length > max ? value.slice(-max) : value;
}

/**
 * Guard one attributes object before it is sent: a blocklisted attribute is held back, a value
 * of another type is converted when that is lossless, or else held back with a plain reason.
 * Only the offending attribute is removed; the rest of the object goes.
 */
export function guardAttributesObject(
  object: Record<string, unknown>,
  ruleOf: (field: string) => AttributeRule | undefined,
): GuardedObject {
  const out: GuardedObject = { object: {}, heldBack: [], coerced: [], firstTypes: [] };
  // Entries, then fromEntries: an attribute named `__proto__` stays an attribute.
  const kept: [string, JsonValue][] = [];
  for (const [field, raw] of Object.entries(object)) {
    const value = raw as JsonValue;
    if (NON_CUSTOM_FIELDS.has(field)) {
      kept.push([field, value]);
      continue;
    }
    const rule = ruleOf(field);
    if (rule?.blocklisted) {
      out.heldBack.push({ field, reason: `"${field}" is blocklisted in Braze, so it is never sent` });
      continue;
    }
    if (!rule || rule.type === null) {
      const type = typeOfValue(value);
      if (!rule && type) out.firstTypes.push({ field, type });
      kept.push([field, value]);
      continue;
    }
    const coerced = coerceToType(value, rule.type);
    if (!coerced.ok) {
      out.heldBack.push({ field, reason: `${whyTyped(field, { ...rule, type: rule.type })}; ${coerced.detail}` });
      continue;
    }
    if (coerced.coerced) out.coerced.push(field);
    kept.push([field, trimToLength(coerced.value, rule.arrayLength)]);
  }
  out.object = Object.fromEntries(kept);
  return out;
}
