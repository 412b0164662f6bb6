import { isPlainObject } from '@/test/fakes/braze/json-values';
import type { JsonObject, UserAlias } from '@/test/fakes/braze/types';

// Every /users/track object names its user with one of these (braze-api.md §2.2).
export type UserIdentifier =
  | { kind: 'external_id'; value: string }
  | { kind: 'braze_id'; value: string }
  | { kind: 'user_alias'; alias: UserAlias }
  | { kind: 'email'; value: string }
  | { kind: 'phone'; value: string };

export function readUserAlias(value: unknown): UserAlias | null {
  if (!isPlainObject(value)) return null;
  const { alias_name: name, alias_label: label } = value;
  // Both fields are required strings (braze-api.md §2.2, ALO).
  if (typeof name !== 'string' || typeof label !== 'string' || !name || !label) return null;
  return { alias_name: name, alias_label: label };
}

/**
 * The identifier the object is resolved by. external_id and braze_id name one profile exactly,
 * so they come first; email beats phone (braze-api.md §2.2).
 */
export function pickIdentifier(object: JsonObject): UserIdentifier | null {
  if (isNonEmptyString(object.external_id)) return { kind: 'external_id', value: object.external_id };
  if (isNonEmptyString(object.braze_id)) return { kind: 'braze_id', value: object.braze_id };
  const alias = readUserAlias(object.user_alias);
  if (alias) return { kind: 'user_alias', alias };
  if (isNonEmptyString(object.email)) return { kind: 'email', value: object.email };
  if (isNonEmptyString(object.phone)) return { kind: 'phone', value: object.phone };
  return null;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 255 && EMAIL_SHAPE.test(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
