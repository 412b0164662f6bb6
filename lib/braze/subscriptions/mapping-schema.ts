import { z } from 'zod';

/**
 * Which user properties a sync sends as Braze subscription states (braze-api.md §2.4): the
 * global `email_subscribe` / `push_subscribe` states and subscription groups. Shared by the
 * setup form and the API that saves it.
 */

const propertyName = z.string().trim().max(1024);
const optionalProperty = propertyName.optional().transform((v) => v || undefined);

/** Braze subscription group ids are UUIDs (Settings → Subscriptions, or the subscription group API). */
export const SUBSCRIPTION_GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const subscriptionGroupMappingSchema = z.object({
  property: propertyName.min(1, 'Enter the user property that holds this state'),
  groupId: z.string().trim().regex(SUBSCRIPTION_GROUP_ID, 'A subscription group ID is a UUID, as Braze shows it'),
});

export const subscriptionMappingSchema = z
  .object({
    emailSubscribe: optionalProperty,
    pushSubscribe: optionalProperty,
    groups: z.array(subscriptionGroupMappingSchema).max(50).default([]),
  })
  .refine((m) => new Set(m.groups.map((g) => g.groupId.toLowerCase())).size === m.groups.length, {
    message: 'Each subscription group may be mapped once',
    path: ['groups'],
  });

export type SubscriptionMapping = z.infer<typeof subscriptionMappingSchema>;

export const EMPTY_SUBSCRIPTION_MAPPING: SubscriptionMapping = subscriptionMappingSchema.parse({});

/** Whether the mapping reads `property` (so a change of it is worth building an attributes object for). */
export function mapsSubscriptionProperty(mapping: SubscriptionMapping, property: string): boolean {
  return mapping.emailSubscribe === property || mapping.pushSubscribe === property || mapping.groups.some((g) => g.property === property);
}
