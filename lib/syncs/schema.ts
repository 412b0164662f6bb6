/**
 * The Sync's shape, shared by the setup wizard's form and the API that saves it, and by the
 * worker that reads saved settings back. Validation is written once, here.
 */
import { z } from 'zod';
import { OBJECT_LIMIT_MODES } from '@/lib/braze/config-schemas';
import { EMPTY_SUBSCRIPTION_MAPPING, subscriptionMappingSchema } from '@/lib/braze/subscriptions';
import { isStorableText } from '@/lib/db/storable-text';
import { revenueSettingsField } from '@/lib/syncs/revenue-schema';

export const IDENTIFIER_TYPES = ['EXTERNAL_ID', 'BRAZE_ID', 'USER_ALIAS', 'EMAIL'] as const;
export const FILTER_OPERATORS = [
  'is', 'is_not', 'contains', 'does_not_contain', 'starts_with',
  'greater_than', 'less_than', 'is_set', 'is_not_set',
] as const;
/** The named per-request object limits (lib/braze/config-schemas: the one list, with their meaning). */
export { OBJECT_LIMIT_MODES };

// Postgres cannot store NUL or a broken UTF-16 character; refused here rather than failing the save.
const STORABLE = [isStorableText, 'Remove the NUL or broken unicode character'] as const;
const propertyName = z.string().trim().min(1, 'Enter a property name').max(1024).refine(...STORABLE);
/** Ids of stored records (cuid). */
const recordId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Not a valid id');

export const whereClauseSchema = z.object({
  /** `event` = event property, `user` = user property, `field` = a top-level field such as user_id. */
  scope: z.enum(['event', 'user', 'field']),
  property: propertyName,
  operator: z.enum(FILTER_OPERATORS),
  /** Several values are ORed; ignored by is_set / is_not_set. */
  values: z.array(z.string().max(1024).refine(...STORABLE)).max(100).default([]),
});
export type WhereClause = z.infer<typeof whereClauseSchema>;

export const eventRuleSchema = z.object({
  /** An event type, or null for all events. */
  eventType: z.string().trim().min(1).max(1024).refine(...STORABLE).nullable(),
  where: z.array(whereClauseSchema).max(20).default([]),
});
export type EventRule = z.infer<typeof eventRuleSchema>;

/** An event is sent when it matches any rule (rules are ORed, where-clauses within a rule ANDed). */
export const eventSelectionSchema = z.object({
  rules: z.array(eventRuleSchema).max(200).default([{ eventType: null, where: [] }]),
});
export type EventSelection = z.infer<typeof eventSelectionSchema>;

export const propertySelectionSchema = z.object({
  eventProperties: z.array(propertyName).max(500).default([]),
  userProperties: z.array(propertyName).max(500).default([]),
});
export type PropertySelection = z.infer<typeof propertySelectionSchema>;

// A missing field gets the same words as an empty one (zod's own "expected string" otherwise).
const SYNC_NAME = 'Enter a sync name';
const REST_API_KEY = 'Enter your REST API Key';
const BRAZE_ENDPOINT = 'Select your Braze REST API Endpoint';

export const syncNameSchema = z.string({ error: SYNC_NAME }).trim().min(1, SYNC_NAME).max(100).refine(...STORABLE);

const restApiKeyField = z.string({ error: REST_API_KEY }).trim().max(512).refine(...STORABLE);
const optionalRestApiKey = restApiKeyField.optional().transform((v) => v || undefined);

/** The alias_label of anonymous devices' alias profiles unless the sync names another. */
export const DEFAULT_ANONYMOUS_ALIAS_LABEL = 'amplitude_device_id';

const syncFields = {
  name: syncNameSchema,
  enabled: z.boolean().default(false),
  /** Dry run: measure what the sync would send, send nothing (lib/dry-run). Not with `enabled`. */
  dryRun: z.boolean().default(false),
  brazeEndpoint: z.string({ error: BRAZE_ENDPOINT }).trim().min(1, BRAZE_ENDPOINT),
  appId: z.string().trim().max(256).refine(...STORABLE).optional().transform((v) => v || undefined),
  updateUsersOnly: z.boolean().default(false),
  /** User deletions reach this sync's workspace as /users/delete (lib/privacy). */
  forwardDeletions: z.boolean().default(true),
  identifierProperty: propertyName.default('user_id'),
  identifierType: z.enum(IDENTIFIER_TYPES).default('EXTERNAL_ID'),
  aliasLabel: z.string().trim().max(255).refine(...STORABLE).optional().transform((v) => v || undefined),
  sendEvents: z.boolean().default(true),
  eventSelection: eventSelectionSchema.default({ rules: [{ eventType: null, where: [] }] }),
  eventProperties: propertySelectionSchema.default({ eventProperties: [], userProperties: [] }),
  sendUsers: z.boolean().default(false),
  userProperties: z.array(propertyName).max(500).default([]),
  objectLimitMode: z.enum(OBJECT_LIMIT_MODES).default('combined75'),
  /** User properties sent as Braze subscription states (lib/braze/subscriptions). */
  subscriptions: subscriptionMappingSchema.default(EMPTY_SUBSCRIPTION_MAPPING),
  /** How revenue reaches Braze (lib/syncs/revenue-schema). */
  revenue: revenueSettingsField,
  /** Events and user updates of devices without user_id go to Braze under a user alias (lib/anonymous). */
  sendAnonymousUsers: z.boolean().default(false),
  anonymousAliasLabel: z.string().trim().min(1, 'Enter the alias label of anonymous users').max(255).refine(...STORABLE).default(DEFAULT_ANONYMOUS_ALIAS_LABEL),
};

const requireAliasLabel = (v: { identifierType: string; aliasLabel?: string }) =>
  v.identifierType !== 'USER_ALIAS' || Boolean(v.aliasLabel);
const aliasLabelIssue = { message: 'Enter the alias label used with User Alias', path: ['aliasLabel'] };
const oneStatus = (v: { enabled?: boolean; dryRun?: boolean }) => !(v.enabled && v.dryRun);
const oneStatusIssue = { message: 'A sync is either enabled or a dry run, not both', path: ['dryRun'] };

export const createSyncSchema = z
  .object({ ...syncFields, restApiKey: restApiKeyField.min(1, REST_API_KEY) })
  .refine(requireAliasLabel, aliasLabelIssue)
  .refine(oneStatus, oneStatusIssue);
export type CreateSyncInput = z.infer<typeof createSyncSchema>;

/** On edit a blank REST API Key keeps the stored one. */
export const updateSyncSchema = z
  .object({
    ...syncFields,
    restApiKey: optionalRestApiKey,
  })
  .refine(requireAliasLabel, aliasLabelIssue)
  .refine(oneStatus, oneStatusIssue);
export type UpdateSyncInput = z.infer<typeof updateSyncSchema>;
/** What the setup form holds before validation (both schemas share it; the key may be blank). */
export type SyncFormValues = z.input<typeof updateSyncSchema>;

// --- Requests of the setup wizard besides saving ----------------------------------------------

/** "Enter a sync name, then click Create Sync". */
export const newSyncSchema = z.object({ name: syncNameSchema });

export const syncIdSchema = z.object({ id: recordId });

export const syncStatusSchema = z.object({ enabled: z.boolean(), dryRun: z.boolean().default(false) }).refine(oneStatus, oneStatusIssue);

/** Test connection: the typed key, or (blank, on edit) the stored key of `syncId`. */
export const testConnectionSchema = z
  .object({
    brazeEndpoint: syncFields.brazeEndpoint,
    restApiKey: optionalRestApiKey,
    syncId: recordId.optional(),
  })
  .refine((v) => Boolean(v.restApiKey || v.syncId), { message: REST_API_KEY, path: ['restApiKey'] });
export type TestConnectionInput = z.infer<typeof testConnectionSchema>;

/** Preview: the form's current settings applied to one event. */
export const previewSchema = z.object({
  syncId: recordId.optional(),
  settings: updateSyncSchema,
  event: z.record(z.string(), z.unknown()),
});
export type PreviewInput = z.infer<typeof previewSchema>;
