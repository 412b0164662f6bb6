/**
 * What the worker needs of a Sync, with the REST API key opened. Cached briefly so the hot path
 * makes no database round trip per job; a change in the UI takes effect within `TTL_MS`. A sync
 * this installation cannot send for (its endpoint not allowed, its key not readable here) loads
 * all the same, with the problem named, so its events are queued and held, never lost.
 */
import { subscriptionMappingSchema, type SubscriptionMapping } from '@/lib/braze/subscriptions';
import { prisma } from '@/lib/db/prisma';
import type { Sync } from '@/lib/generated/prisma/client';
import { openSyncCredentials } from '@/lib/syncs/sync-credentials';
import { toRevenueMapping } from '@/lib/syncs/revenue-schema';
import type { RevenueMapping } from '@/lib/braze/revenue';
import {
  type EventSelection,
  type PropertySelection,
  IDENTIFIER_TYPES,
  OBJECT_LIMIT_MODES,
  eventSelectionSchema,
  propertySelectionSchema,
} from '@/lib/syncs/schema';
import { z } from 'zod';

export const TTL_MS = 2_000;

export interface RuntimeSync {
  id: string;
  projectId: string;
  name: string;
  enabled: boolean;
  /** A dry run: fan-out measures what it would send (lib/dry-run) and queues nothing. */
  dryRun: boolean;
  pausedReason: string | null;
  /** When its settings were last saved (ms): a pause applies only to the settings it was judged on. */
  savedAt: number;
  /** Why this installation cannot send for it (lib/syncs/sync-credentials); null when it can. */
  configurationProblem: string | null;
  brazeEndpoint: string;
  /** Empty when it cannot be opened (then `configurationProblem` says so). */
  restApiKey: string;
  appId: string | undefined;
  updateUsersOnly: boolean;
  identifier: { property: string; type: (typeof IDENTIFIER_TYPES)[number]; aliasLabel?: string };
  sendEvents: boolean;
  eventSelection: EventSelection;
  eventProperties: PropertySelection;
  sendUsers: boolean;
  userProperties: string[];
  objectLimitMode: (typeof OBJECT_LIMIT_MODES)[number];
  subscriptions: SubscriptionMapping;
  revenue: RevenueMapping;
  /** Devices without user_id go to Braze under `{alias_name: device_id, alias_label: anonymousAliasLabel}`. */
  sendAnonymousUsers: boolean;
  anonymousAliasLabel: string;
}

function toRuntime(row: Sync): RuntimeSync {
  const credentials = openSyncCredentials(row);
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    enabled: row.status === 'ENABLED',
    dryRun: row.status === 'DRY_RUN',
    pausedReason: row.pausedReason,
    savedAt: row.updatedAt.getTime(),
    configurationProblem: credentials.ok ? null : credentials.problem,
    brazeEndpoint: row.brazeEndpoint,
    restApiKey: credentials.ok ? credentials.restApiKey : '',
    appId: row.appId ?? undefined,
    updateUsersOnly: row.updateUsersOnly,
    identifier: { property: row.identifierProperty, type: row.identifierType, aliasLabel: row.aliasLabel ?? undefined },
    sendEvents: row.sendEvents,
    eventSelection: eventSelectionSchema.parse(row.eventSelection),
    eventProperties: propertySelectionSchema.parse(row.eventProperties),
    sendUsers: row.sendUsers,
    userProperties: z.array(z.string()).parse(row.userProperties),
    objectLimitMode: z.enum(OBJECT_LIMIT_MODES).parse(row.objectLimitMode),
    subscriptions: subscriptionMappingSchema.parse(row.subscriptionMapping),
    revenue: toRevenueMapping(row.revenue),
    sendAnonymousUsers: row.sendAnonymousUsers,
    anonymousAliasLabel: row.anonymousAliasLabel,
  };
}

type Entry<T> = { at: number; value: Promise<T> };
const byProject = new Map<string, Entry<RuntimeSync[]>>();
const byId = new Map<string, Entry<RuntimeSync | null>>();

function cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const hit = map.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = load();
  map.set(key, { at: Date.now(), value });
  // A failed load must not be served from the cache.
  value.catch(() => map.delete(key));
  return value;
}

/**
 * Enabled syncs of a project, the fan-out targets: paused ones too, whose delivery jobs wait
 * until the sync resumes (lib/pipeline/deliver/held-jobs), and dry runs, which are only measured.
 */
export function loadActiveSyncs(projectId: string): Promise<RuntimeSync[]> {
  return cached(byProject, projectId, async () => {
    const rows = await prisma().sync.findMany({ where: { projectId, status: { in: ['ENABLED', 'DRY_RUN'] } } });
    return rows.map(toRuntime);
  });
}

export function loadRuntimeSync(id: string): Promise<RuntimeSync | null> {
  return cached(byId, id, async () => {
    const row = await prisma().sync.findUnique({ where: { id } });
    return row ? toRuntime(row) : null;
  });
}

export function forgetRuntimeSyncs(): void {
  byProject.clear();
  byId.clear();
}
