/**
 * Saving and reading Syncs. The REST API key is sealed before it is stored and is never part of
 * what this module returns to callers other than the worker's runtime loader.
 */
import { resolveAllowedEndpoint } from '@/lib/braze';
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import type { Prisma } from '@/lib/generated/prisma/client';
import { invalidInput, notFound } from '@/lib/http/app-error';
import { sealRestApiKey } from '@/lib/syncs/rest-api-key';
import { openStoredRestApiKey } from '@/lib/syncs/sync-credentials';
import type { CreateSyncInput, UpdateSyncInput } from '@/lib/syncs/schema';
import { statusOf } from '@/lib/syncs/sync-state';

/** Every column but the sealed key. */
export const publicSyncSelect = {
  id: true, projectId: true, name: true, status: true, pausedReason: true, pausedAt: true, pauseCause: true,
  brazeEndpoint: true, restApiKeyLast4: true, appId: true, updateUsersOnly: true, forwardDeletions: true,
  identifierProperty: true, identifierType: true, aliasLabel: true, sendEvents: true,
  eventSelection: true, eventProperties: true, sendUsers: true, userProperties: true, revenue: true,
  objectLimitMode: true, objectLimitSwitchedAt: true, objectLimitSwitchedFrom: true, subscriptionMapping: true,
  attributeGuardMode: true, attributeGuardCheckedAt: true, sendAnonymousUsers: true, anonymousAliasLabel: true, createdAt: true, updatedAt: true,
} satisfies Prisma.SyncSelect;

export type PublicSync = Prisma.SyncGetPayload<{ select: typeof publicSyncSelect }>;

export function checkBrazeEndpoint(endpoint: string): string {
  const result = resolveAllowedEndpoint(endpoint, env().BRAZE_CUSTOM_ENDPOINTS);
  if (!result.ok) throw invalidInput(result.reason, 'brazeEndpoint');
  return result.baseUrl;
}

function settingsData(input: CreateSyncInput | UpdateSyncInput) {
  return {
    name: input.name,
    status: statusOf(input),
    brazeEndpoint: checkBrazeEndpoint(input.brazeEndpoint),
    appId: input.appId ?? null,
    updateUsersOnly: input.updateUsersOnly,
    forwardDeletions: input.forwardDeletions,
    identifierProperty: input.identifierProperty,
    identifierType: input.identifierType,
    aliasLabel: input.identifierType === 'USER_ALIAS' ? (input.aliasLabel ?? null) : null,
    sendEvents: input.sendEvents,
    eventSelection: input.eventSelection,
    eventProperties: input.eventProperties,
    sendUsers: input.sendUsers,
    userProperties: input.userProperties,
    objectLimitMode: input.objectLimitMode,
    subscriptionMapping: input.subscriptions,
    revenue: input.revenue,
    sendAnonymousUsers: input.sendAnonymousUsers,
    anonymousAliasLabel: input.anonymousAliasLabel,
  };
}

export async function createSync(projectId: string, input: CreateSyncInput): Promise<PublicSync> {
  return prisma().sync.create({
    data: { projectId, ...settingsData(input), ...sealRestApiKey(input.restApiKey) },
    select: publicSyncSelect,
  });
}

export async function updateSync(projectId: string, id: string, input: UpdateSyncInput): Promise<PublicSync> {
  await getSync(projectId, id);
  return prisma().sync.update({
    where: { id },
    data: {
      ...settingsData(input),
      ...(input.restApiKey ? sealRestApiKey(input.restApiKey) : {}),
      // Saving the settings is how a person acknowledges a pause (typically with a new key): what
      // waited is sent again, and the worker pauses it again if the cause is still there.
      pausedReason: null,
      pauseCause: null,
      pausedAt: null,
    },
    select: publicSyncSelect,
  });
}

export async function getSync(projectId: string, id: string): Promise<PublicSync> {
  const sync = await prisma().sync.findFirst({ where: { id, projectId }, select: publicSyncSelect });
  if (!sync) throw notFound('Sync');
  return sync;
}

export async function listSyncs(projectId: string): Promise<PublicSync[]> {
  return prisma().sync.findMany({ where: { projectId }, select: publicSyncSelect, orderBy: { createdAt: 'asc' } });
}

/** Enabled, disabled, or (with `dryRun`) a dry run that sends nothing. */
export async function setSyncEnabled(projectId: string, id: string, enabled: boolean, dryRun = false): Promise<PublicSync> {
  await getSync(projectId, id);
  return prisma().sync.update({
    where: { id },
    data: { status: statusOf({ enabled, dryRun }), pausedReason: null, pauseCause: null, pausedAt: null },
    select: publicSyncSelect,
  });
}

export async function deleteSync(projectId: string, id: string): Promise<void> {
  await getSync(projectId, id);
  await prisma().sync.delete({ where: { id } });
}

/**
 * The stored REST API key, opened, for a server-side call made on the person's behalf (Test
 * connection with a blank key field on edit). Never returned to a browser.
 */
export async function readStoredRestApiKey(projectId: string, id: string): Promise<string> {
  const row = await prisma().sync.findFirst({ where: { id, projectId }, select: { restApiKeyCipher: true } });
  if (!row) throw notFound('Sync');
  const stored = openStoredRestApiKey(row.restApiKeyCipher);
  if (!stored.ok) throw invalidInput(`${stored.problem}.`, 'restApiKey');
  return stored.restApiKey;
}
