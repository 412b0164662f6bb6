'use client';

import { useFormContext } from 'react-hook-form';
import { EndpointSelect } from '@/components/sync-setup/EndpointSelect';
import { AttributeGuardNotice, ObjectLimitSwitchNotice } from '@/components/sync-setup/GuardNotices';
import { ObjectLimitModeField } from '@/components/sync-setup/ObjectLimitModeField';
import { ForwardDeletionsField } from '@/components/sync-setup/ForwardDeletionsField';
import { TestConnection } from '@/components/sync-setup/TestConnection';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { SectionCard } from '@/components/ui/SectionCard';
import type { EndpointOption, SyncView } from '@/lib/client/types';
import type { SyncFormValues } from '@/lib/syncs/schema';

export function CredentialsSection({ endpoints, sync }: { endpoints: EndpointOption[]; sync: SyncView | null }) {
  const { register } = useFormContext<SyncFormValues>();
  // Registered first, so a failed Save focuses the fields in the order they appear.
  const endpointField = register('brazeEndpoint');
  const keyError = useFieldError('restApiKey');
  const appIdError = useFieldError('appId');
  const keyHint = sync
    ? `Stored encrypted (${sync.restApiKeyMasked}). Leave blank to keep it; it needs the users.track permission.`
    : 'Stored encrypted and never shown again. It needs the users.track permission.';
  return (
    <SectionCard id="credentials" step={1} title="Enter credentials" description="The Braze workspace this sync sends to. Find these in Braze under Settings → APIs and Identifiers.">
      <EndpointSelect endpoints={endpoints} field={endpointField} />
      <Field id="rest-api-key" label="REST API Key" hint={keyHint} error={keyError}>
        <input
          {...describedBy('rest-api-key', { hint: keyHint, error: keyError })}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={sync ? `Leave blank to keep ${sync.restApiKeyMasked}` : 'Paste your REST API Key'}
          className={`${inputClass} font-mono`}
          {...register('restApiKey')}
        />
      </Field>
      <Field
        id="app-id"
        label="Braze Application API Key"
        optional
        hint="The App Identifier of the app receiving these events; sent as app_id with each event."
        error={appIdError}
      >
        <input {...describedBy('app-id', { hint: true, error: appIdError })} spellCheck={false} className={`${inputClass} font-mono`} {...register('appId')} />
      </Field>
      <div className="flex items-start gap-3">
        <input id="update-users-only" type="checkbox" aria-describedby="update-users-only-hint" className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" {...register('updateUsersOnly')} />
        <div>
          <label htmlFor="update-users-only" className="text-sm font-medium text-slate-800">
            Update Users Only
          </label>
          <p id="update-users-only-hint" className="text-sm text-slate-500">
            Only update users that exist in Braze, and not create new ones. If you&apos;re sending alias-only user profiles, don&apos;t check this field: if you
            check Update Users Only, your alias-only user profiles aren&apos;t created in Braze.
          </p>
        </div>
      </div>
      <ForwardDeletionsField />
      <ObjectLimitModeField />
      {sync && <ObjectLimitSwitchNotice sync={sync} />}
      <TestConnection syncId={sync?.id} />
      <AttributeGuardNotice sync={sync} />
    </SectionCard>
  );
}
