// `type` texts of /users/track minor errors. The first three are the wordings seen in Braze
// responses (braze-api.md §3.2); Braze documents no text for the other failures, so they follow
// the same `'field' is not valid` pattern.

export const MISSING_IDENTIFIER = "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required";
export const INVALID_QUANTITY = "'quantity' is not valid";
export const INVALID_EMAIL = "The value provided for the 'email' field is not a valid email.";

export const NOT_AN_OBJECT = 'Each item must be a JSON object';
export const INVALID_USER_ALIAS = "'user_alias' must have 'alias_name' and 'alias_label' strings";

export function requiredField(field: string): string {
  return `'${field}' is required`;
}

export function invalidField(field: string): string {
  return `'${field}' is not valid`;
}

export function invalidPropertyKey(key: string): string {
  return `'properties' key '${key}' is not valid`;
}

export function tooLongString(field: string): string {
  return `'${field}' has a string value longer than 255 characters`;
}

export function tooLargeObject(field: string): string {
  return `'${field}' is larger than 100 KB`;
}

// Fatal answers (braze-api.md §3.3).
export const NO_VALID_DATA = "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.";
export const MAX_INPUT_LENGTH = 'Max Input Length Exceeded';
