import { DEFAULT_REVENUE_MAPPING } from '@/lib/braze/revenue';
import { EMPTY_SUBSCRIPTION_MAPPING } from '@/lib/braze/subscriptions';
import type { RuntimeSync } from '@/lib/syncs/runtime';

/** A saved sync as the worker sees it, for pure unit tests. */
export function runtimeSync(overrides: Partial<RuntimeSync> = {}): RuntimeSync {
  return {
    id: 'sync-1',
    projectId: 'project-1',
    name: 'Braze',
    enabled: true,
    dryRun: false,
    pausedReason: null,
    savedAt: 0,
    configurationProblem: null,
    brazeEndpoint: 'https://rest.iad-01.braze.com',
    restApiKey: 'key',
    appId: 'app-1',
    updateUsersOnly: false,
    identifier: { property: 'user_id', type: 'EXTERNAL_ID' },
    sendEvents: true,
    eventSelection: { rules: [{ eventType: null, where: [] }] },
    eventProperties: { eventProperties: [], userProperties: [] },
    sendUsers: false,
    userProperties: [],
    objectLimitMode: 'combined75',
    subscriptions: EMPTY_SUBSCRIPTION_MAPPING,
    revenue: DEFAULT_REVENUE_MAPPING,
    sendAnonymousUsers: false,
    anonymousAliasLabel: 'amplitude_device_id',
    ...overrides,
  };
}
