import { z } from 'zod';

/**
 * Wire shapes of Braze `/users/track`. Sources: braze-api.md §2.1 (request), §2.2 (identifiers),
 * §2.4–2.5 (attributes), §2.6 (events), §2.7 (purchases), §3.1–3.3 (responses).
 * Request schemas describe what we send (tests and the fake server validate against them);
 * the response schema is what `client.ts` parses untrusted bodies with.
 */

export const trackArrayNameSchema = z.enum(['attributes', 'events', 'purchases']);

export const brazeUserAliasSchema = z.object({
  alias_name: z.string().min(1),
  alias_label: z.string().min(1),
});

// Every object must carry one of these (§2.2). We always send exactly one; Braze accepts
// several (email beats phone), which the non-strict objects below tolerate.
export const brazeIdentifierSchema = z.union([
  z.object({ external_id: z.string().min(1) }),
  z.object({ braze_id: z.string().min(1) }),
  z.object({ user_alias: brazeUserAliasSchema }),
  z.object({ email: z.string().min(1) }),
  z.object({ phone: z.string().min(1) }),
]);

export const brazePropertiesSchema = z.record(z.string(), z.json());

// Braze accepts several date formats (§2.5); we always send ISO 8601 with a zone.
const brazeTimeSchema = z.iso.datetime({ offset: true });

export const brazeEventObjectSchema = z.intersection(
  brazeIdentifierSchema,
  z.object({
    app_id: z.string().min(1).optional(),
    name: z.string().min(1),
    time: brazeTimeSchema,
    properties: brazePropertiesSchema.optional(),
    _update_existing_only: z.boolean().optional(),
  }),
);

export const brazePurchaseObjectSchema = z.intersection(
  brazeIdentifierSchema,
  z.object({
    app_id: z.string().min(1).optional(),
    product_id: z.string().min(1).max(255),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 alphabetic code'),
    price: z.number(),
    quantity: z.number().int().min(1).max(100).optional(),
    time: brazeTimeSchema,
    properties: brazePropertiesSchema.optional(),
    _update_existing_only: z.boolean().optional(),
  }),
);

// Attribute operations (§2.5): increment a number, add to / remove from an array.
export const brazeAttributeOperationSchema = z.union([
  z.strictObject({ inc: z.number() }),
  z.strictObject({ add: z.array(z.json()) }),
  z.strictObject({ remove: z.array(z.json()) }),
]);

// Any other key is a standard or custom attribute; `null` removes it (§2.4). Operations are
// JSON objects too, so `z.json()` covers them on the wire.
export const brazeAttributesObjectSchema = z.intersection(
  brazeIdentifierSchema,
  z
    .object({
      _update_existing_only: z.boolean().optional(),
      _merge_objects: z.boolean().optional(),
    })
    .catchall(z.json()),
);

export const trackRequestSchema = z.object({
  attributes: z.array(brazeAttributesObjectSchema).optional(),
  events: z.array(brazeEventObjectSchema).optional(),
  purchases: z.array(brazePurchaseObjectSchema).optional(),
});

// Shape seen in Braze responses and community fixtures (§3.2); `type` is free text.
export const brazeMinorErrorSchema = z.object({
  type: z.string(),
  input_array: trackArrayNameSchema,
  index: z.number().int().min(0),
});

export const trackResponseSchema = z.object({
  message: z.string(),
  attributes_processed: z.number().int().optional(),
  events_processed: z.number().int().optional(),
  purchases_processed: z.number().int().optional(),
  errors: z.array(brazeMinorErrorSchema).optional(),
});
