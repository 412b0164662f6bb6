/**
 * The sync form's starting values: a saved sync's settings (the REST API key blank: it is
 * write-only), or the defaults of a new sync. Defaults are those of the shared schema.
 */
import type { Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { DEFAULT_REVENUE_MAPPING } from '@/lib/braze/revenue';
import type { SyncView } from '@/lib/client/types';
import { toSyncConfig } from '@/lib/syncs/sync-config';
import { createSyncSchema, DEFAULT_ANONYMOUS_ALIAS_LABEL, type SyncFormValues, type UpdateSyncInput, updateSyncSchema } from '@/lib/syncs/schema';

export function toFormValues(sync: SyncView | null, initialName: string): SyncFormValues {
  if (!sync) {
    return {
      name: initialName,
      enabled: false,
      dryRun: false,
      brazeEndpoint: '',
      restApiKey: '',
      appId: '',
      updateUsersOnly: false,
      forwardDeletions: true,
      identifierProperty: 'user_id',
      identifierType: 'EXTERNAL_ID',
      aliasLabel: '',
      sendEvents: true,
      eventSelection: { rules: [{ eventType: null, where: [] }] },
      eventProperties: { eventProperties: [], userProperties: [] },
      sendUsers: false,
      userProperties: [],
      objectLimitMode: 'combined75',
      subscriptions: { emailSubscribe: '', pushSubscribe: '', groups: [] },
      revenue: { ...DEFAULT_REVENUE_MAPPING, currencyProperty: '' },
      sendAnonymousUsers: false,
      anonymousAliasLabel: DEFAULT_ANONYMOUS_ALIAS_LABEL,
    };
  }
  return { ...toSyncConfig(sync), restApiKey: '', appId: sync.appId ?? '', aliasLabel: sync.aliasLabel ?? '' };
}

/**
 * The API's own schema as the form's resolver: a new sync needs a REST API key, an edit may
 * leave it blank. The two schemas differ only there, so the create resolver serves the same
 * form values.
 */
export function syncFormResolver(isNew: boolean): Resolver<SyncFormValues, unknown, UpdateSyncInput> {
  if (isNew) return zodResolver(createSyncSchema) as unknown as Resolver<SyncFormValues, unknown, UpdateSyncInput>;
  return zodResolver(updateSyncSchema);
}
