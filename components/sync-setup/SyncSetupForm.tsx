'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { DryRunPanel } from '@/components/dry-run/DryRunPanel';
import { CredentialsSection } from '@/components/sync-setup/CredentialsSection';
import { EventForwardingSection } from '@/components/sync-setup/EventForwardingSection';
import { MappingsSection } from '@/components/sync-setup/MappingsSection';
import { PreviewSection } from '@/components/sync-setup/PreviewSection';
import { SetupHeader } from '@/components/sync-setup/SetupHeader';
import { syncFormResolver, toFormValues } from '@/components/sync-setup/sync-form-values';
import { UserForwardingSection } from '@/components/sync-setup/UserForwardingSection';
import { ApiError } from '@/lib/client/api-fetch';
import type { CatalogResponse, EndpointOption, SyncView } from '@/lib/client/types';
import { useCreateSync } from '@/lib/client/use-create-sync';
import { useUpdateSync } from '@/lib/client/use-update-sync';
import type { SyncFormValues, UpdateSyncInput } from '@/lib/syncs/schema';

interface SyncSetupFormProps {
  sync: SyncView | null;
  initialName: string;
  endpoints: EndpointOption[];
  catalog: CatalogResponse;
  /** The sync was saved since this page opened (the notice hides again once something changes). */
  saved: boolean;
  /** What Test connection found on the last Save, when it failed. */
  connectionWarning: string | null;
  onSaved: (connectionWarning: string | null) => void;
}

/** The whole setup of one sync, in the order of Amplitude's Braze Event Streaming setup. */
export function SyncSetupForm({ sync, initialName, endpoints, catalog, saved, connectionWarning, onSaved }: SyncSetupFormProps) {
  const router = useRouter();
  const form = useForm<SyncFormValues, unknown, UpdateSyncInput>({
    resolver: syncFormResolver(sync === null),
    defaultValues: toFormValues(sync, initialName),
    mode: 'onTouched',
  });
  const create = useCreateSync();
  const update = useUpdateSync(sync?.id ?? '');
  const [formError, setFormError] = useState<string | null>(null);
  // "Not saved" speaks of the last Save; once something changes, the fields' own errors guide.
  const { subscribe } = form;
  useEffect(() => subscribe({ formState: { values: true }, callback: () => setFormError(null) }), [subscribe]);

  const showServerError = (error: unknown) => {
    if (!(error instanceof ApiError)) return setFormError('Could not save the sync. Try again.');
    const entries = Object.entries(error.issues);
    for (const [path, messages] of entries) {
      form.setError(path as FieldPath<SyncFormValues>, { type: 'server', message: messages.join(' ') }, { shouldFocus: true });
    }
    setFormError(entries.length > 0 ? 'Some fields need your attention.' : error.message);
  };

  const onSubmit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      try {
        if (sync) {
          const updated = await update.mutateAsync(values);
          onSaved(updated.connectionWarning?.message ?? null);
        } else {
          const created = await create.mutateAsync({ ...values, restApiKey: values.restApiKey ?? '' });
          const check = created.connectionWarning ? `&check=${encodeURIComponent(created.connectionWarning.problem)}` : '';
          router.replace(`/syncs/${created.id}?saved=1${check}`);
        }
      } catch (error) {
        showServerError(error);
      }
    },
    () => setFormError('Some fields need your attention.'),
  );

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label="Sync setup" className="space-y-6">
        <SetupHeader
          isNew={sync === null}
          dryRunSync={sync?.dryRun ? { id: sync.id, name: sync.name } : null}
          pausedReason={sync?.pausedReason ?? null}
          pauseCause={sync?.pauseCause ?? null}
          saving={form.formState.isSubmitting || create.isSuccess}
          saved={saved && !form.formState.isDirty}
          connectionWarning={connectionWarning}
          formError={formError}
        />
        {sync?.dryRun && <DryRunPanel syncId={sync.id} />}
        <CredentialsSection endpoints={endpoints} sync={sync} />
        <MappingsSection catalog={catalog} />
        <EventForwardingSection catalog={catalog} />
        <UserForwardingSection catalog={catalog} />
        <PreviewSection catalog={catalog} syncId={sync?.id} />
      </form>
    </FormProvider>
  );
}
