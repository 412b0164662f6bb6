/**
 * The sync form's starting values: a saved sync's settings (the REST API key blank: it is
 * write-only), or the defaults of a new sync. Defaults are those of the shared schema.
 */
import type { Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { SyncView } from '@/lib/client/types';
import { createSyncSchema, type SyncFormValues, type UpdateSyncInput, updateSyncSchema } from '@/lib/syncs/schema';

export function toFormValues(sync: SyncView | null, initialName: string): SyncFormValues {
  if (!sync) {
    return {
      name: initialName,
      enabled: false,
      brazeEndpoint: '',
      restApiKey: '',
      appId: '',
      updateUsersOnly: false,
      identifierProperty: 'user_id',
      identifierType: 'EXTERNAL_ID',
      aliasLabel: '',
      sendEvents: true,
      eventSelection: { rules: [{ eventType: null, where: [] }] },
      eventProperties: { eventProperties: [], userProperties: [] },
      sendUsers: false,
      userProperties: [],
      objectLimitMode: 'combined75',
    };
  }
  return {
    name: sync.name,
    enabled: sync.enabled,
    brazeEndpoint: sync.brazeEndpoint,
    restApiKey: '',
    appId: sync.appId ?? '',
    updateUsersOnly: sync.updateUsersOnly,
    identifierProperty: sync.identifierProperty,
    identifierType: sync.identifierType,
    aliasLabel: sync.aliasLabel ?? '',
    sendEvents: sync.sendEvents,
    eventSelection: sync.eventSelection,
    eventProperties: sync.eventProperties,
    sendUsers: sync.sendUsers,
    userProperties: sync.userProperties,
    objectLimitMode: sync.objectLimitMode,
  };
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
