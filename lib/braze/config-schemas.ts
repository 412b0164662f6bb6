import { z } from 'zod';

/**
 * Settings a Braze destination needs from the wizard, as zod schemas the form and the API
 * share. Values only: storing them is the product's job.
 */

/**
 * Which Amplitude field identifies the Braze user (seed "Select an Amplitude property that
 * corresponds to your Braze user ID"). `property` is `user_id`, `device_id` or a user property.
 * A user alias needs a label; its name is the property's value (braze-api.md §2.2).
 */
export const identifierMappingSchema = z.discriminatedUnion('type', [
  z.object({
    property: z.string().min(1),
    type: z.enum(['external_id', 'braze_id', 'email']),
    // Ignored for these types; accepted so a form can keep the field while the type changes.
    aliasLabel: z.string().optional(),
  }),
  z.object({
    property: z.string().min(1),
    type: z.literal('user_alias'),
    aliasLabel: z.string().trim().min(1, 'A user alias needs a label'),
  }),
]);
export type IdentifierMapping = z.infer<typeof identifierMappingSchema>;

/**
 * Objects per `/users/track` request (braze-api.md §2.1): `combined75` is the current default
 * and safe under every rate-limit model; `legacy75each` is 75 per array for accounts on legacy
 * limits; `mau50` is 50 combined for MAU contracts; `{combined: n}` for anything else.
 */
export const OBJECT_LIMIT_MODES = ['combined75', 'legacy75each', 'mau50'] as const;
export const trackBatchModeSchema = z.union([
  z.enum(OBJECT_LIMIT_MODES),
  z.object({ combined: z.number().int().min(1).max(1000) }),
]);
export type TrackBatchMode = z.infer<typeof trackBatchModeSchema>;
