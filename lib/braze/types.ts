import type { z } from 'zod';
import type {
  brazeAttributeOperationSchema,
  brazeAttributesObjectSchema,
  brazeEventObjectSchema,
  brazeIdentifierSchema,
  brazeMinorErrorSchema,
  brazePropertiesSchema,
  brazePurchaseObjectSchema,
  brazeUserAliasSchema,
  trackArrayNameSchema,
  trackRequestSchema,
  trackResponseSchema,
} from '@/lib/braze/schemas';

/** `attributes` | `events` | `purchases`: the arrays of a track request (braze-api.md §2.1). */
export type TrackArrayName = z.infer<typeof trackArrayNameSchema>;
export type BrazeUserAlias = z.infer<typeof brazeUserAliasSchema>;
export type BrazeIdentifier = z.infer<typeof brazeIdentifierSchema>;
export type BrazeProperties = z.infer<typeof brazePropertiesSchema>;
export type BrazeEventObject = z.infer<typeof brazeEventObjectSchema>;
export type BrazePurchaseObject = z.infer<typeof brazePurchaseObjectSchema>;
export type BrazeAttributeOperation = z.infer<typeof brazeAttributeOperationSchema>;
export type BrazeAttributesObject = z.infer<typeof brazeAttributesObjectSchema>;
export type TrackRequest = z.infer<typeof trackRequestSchema>;
export type BrazeMinorError = z.infer<typeof brazeMinorErrorSchema>;
export type TrackResponse = z.infer<typeof trackResponseSchema>;
/** A JSON value as Braze receives it. */
export type JsonValue = BrazeProperties[string];

/**
 * Something we removed or changed before sending, so the product can show it instead of Braze
 * silently ignoring it (or rejecting the whole object).
 */
export type PropertyIssue = {
  /** The source key (event/user property or attribute name). */
  key: string;
  action: 'dropped' | 'changed';
  reason: PropertyIssueReason;
  /** Human-readable explanation citing the Braze rule. */
  detail: string;
};

export type PropertyIssueReason =
  | 'empty_key'
  | 'key_too_long'
  | 'reserved_key'
  | 'dollar_key'
  | 'string_too_long'
  | 'unsupported_value'
  | 'object_too_large'
  | 'invalid_nested_key'
  | 'invalid_nested_value'
  | 'array_truncated'
  | 'invalid_operation'
  | 'invalid_standard_value'
  | 'name_collision';

/**
 * The body `sendTrack` serialises: the `TrackRequest` arrays, typed loosely enough to carry
 * objects that went through a queue as plain records.
 */
export type TrackRequestBody = { [Array in TrackArrayName]?: readonly object[] };
