/**
 * A Sync as the management API answers it: JSON-ready, settings parsed with the shared schema,
 * and of the REST API key only its masked last four characters.
 */
import { EMPTY_SUBSCRIPTION_MAPPING, subscriptionMappingSchema, type SubscriptionMapping } from '@/lib/braze/subscriptions';
import { maskSecret } from '@/lib/crypto/secret-box';
import { attributeGuardStatusOf, objectLimitSwitchOf, type AttributeGuardStatus, type ObjectLimitSwitch } from '@/lib/syncs/guard-status';
import { toRevenueMapping, type RevenueSettings } from '@/lib/syncs/revenue-schema';
import type { PublicSync } from '@/lib/syncs/repository';
import type { PauseCause } from '@/lib/syncs/sync-state';
import {
  type EventSelection,
  type PropertySelection,
  eventSelectionSchema,
  IDENTIFIER_TYPES,
  OBJECT_LIMIT_MODES,
  propertySelectionSchema,
} from '@/lib/syncs/schema';
import { z } from 'zod';

export interface SyncView {
  id: string;
  name: string;
  enabled: boolean;
  /** A dry run: the sync measures what it would send and sends nothing (then `enabled` is false). */
  dryRun: boolean;
  /** Set when the system paused the sync (see pauseCause); its events wait, queued, until it resumes. */
  pausedReason: string | null;
  pausedAt: string | null;
  pauseCause: PauseCause | null;
  brazeEndpoint: string;
  restApiKeyMasked: string;
  appId: string | null;
  updateUsersOnly: boolean;
  forwardDeletions: boolean;
  identifierProperty: string;
  identifierType: (typeof IDENTIFIER_TYPES)[number];
  aliasLabel: string | null;
  sendEvents: boolean;
  eventSelection: EventSelection;
  eventProperties: PropertySelection;
  sendUsers: boolean;
  userProperties: string[];
  objectLimitMode: (typeof OBJECT_LIMIT_MODES)[number];
  /** Set when Braze refused a request as too many objects and the sync moved to the stricter mode. */
  objectLimitSwitch: ObjectLimitSwitch | null;
  subscriptions: SubscriptionMapping;
  /** How the attribute type guard works for this sync, once the worker has judged its workspace. */
  attributeGuard: AttributeGuardStatus | null;
  revenue: RevenueSettings;
  sendAnonymousUsers: boolean;
  anonymousAliasLabel: string;
  createdAt: string;
  updatedAt: string;
}

export function toSyncView(sync: PublicSync): SyncView {
  return {
    id: sync.id,
    name: sync.name,
    enabled: sync.status === 'ENABLED',
    dryRun: sync.status === 'DRY_RUN',
    pausedReason: sync.pausedReason,
    pausedAt: sync.pausedAt?.toISOString() ?? null,
    pauseCause: sync.pauseCause,
    brazeEndpoint: sync.brazeEndpoint,
    restApiKeyMasked: maskSecret(sync.restApiKeyLast4),
    appId: sync.appId,
    updateUsersOnly: sync.updateUsersOnly,
    forwardDeletions: sync.forwardDeletions,
    identifierProperty: sync.identifierProperty,
    identifierType: sync.identifierType,
    aliasLabel: sync.aliasLabel,
    sendEvents: sync.sendEvents,
    eventSelection: eventSelectionSchema.parse(sync.eventSelection),
    eventProperties: propertySelectionSchema.parse(sync.eventProperties),
    sendUsers: sync.sendUsers,
    userProperties: z.array(z.string()).parse(sync.userProperties),
    objectLimitMode: z.enum(OBJECT_LIMIT_MODES).catch('combined75').parse(sync.objectLimitMode),
    objectLimitSwitch: objectLimitSwitchOf(sync),
    subscriptions: subscriptionMappingSchema.catch(EMPTY_SUBSCRIPTION_MAPPING).parse(sync.subscriptionMapping),
    attributeGuard: attributeGuardStatusOf(sync),
    revenue: toRevenueMapping(sync.revenue),
    sendAnonymousUsers: sync.sendAnonymousUsers,
    anonymousAliasLabel: sync.anonymousAliasLabel,
    createdAt: sync.createdAt.toISOString(),
    updatedAt: sync.updatedAt.toISOString(),
  };
}
