export {
  EMPTY_SUBSCRIPTION_MAPPING,
  SUBSCRIPTION_GROUP_ID,
  mapsSubscriptionProperty,
  subscriptionMappingSchema,
  type SubscriptionMapping,
} from '@/lib/braze/subscriptions/mapping-schema';
export { buildSubscriptionFields, type SubscriptionFields, type SubscriptionSource } from '@/lib/braze/subscriptions/subscription-fields';
export { GLOBAL_STATES, GROUP_STATES, readGlobalState, readGroupState } from '@/lib/braze/subscriptions/subscription-values';
