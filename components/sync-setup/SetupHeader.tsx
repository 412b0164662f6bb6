'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { BrazeLogo } from '@/components/braze/BrazeLogo';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describedBy, FieldError, inputClass } from '@/components/ui/Field';
import { SyncStatusControl } from '@/components/dry-run/SyncStatusControl';
import type { SyncFormValues } from '@/lib/syncs/schema';
import { describePause, type PauseCause } from '@/lib/syncs/sync-state';
import { asSentence } from '@/components/dashboard/format';

interface SetupHeaderProps {
  isNew: boolean;
  /** Set when the stored sync is a dry run (see SyncStatusControl). */
  dryRunSync: { id: string; name: string } | null;
  pausedReason: string | null;
  pauseCause: PauseCause | null;
  saving: boolean;
  saved: boolean;
  /** What Test connection found on the last Save, when it failed (the sync was saved all the same). */
  connectionWarning: string | null;
  formError: string | null;
}

/** "At the top of the page toggle the Status to Enabled and click Save": always in view. */
export function SetupHeader({ isNew, dryRunSync, pausedReason, pauseCause, saving, saved, connectionWarning, formError }: SetupHeaderProps) {
  const { control, register } = useFormContext<SyncFormValues>();
  const name = useWatch({ control, name: 'name' });
  const nameError = useFieldError('name');
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          { label: 'Catalog', href: '/catalog' },
          { label: 'Destinations', href: '/catalog?tab=destinations' },
          { label: 'Braze', href: '/catalog/destinations/braze' },
          { label: isNew ? 'New sync' : name || 'Sync' },
        ]}
      />
      <div className="sticky top-0 z-20 rounded-xl border border-slate-200 bg-white/95 px-5 py-4 shadow-sm backdrop-blur">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
          <BrazeLogo />
          <div className="min-w-0 flex-1">
            <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900">{name || 'Untitled sync'}</h1>
            <p className="text-sm text-slate-500">Braze · Event Streaming{isNew && ' · not saved yet'}</p>
          </div>
          <SyncStatusControl isNew={isNew} dryRunSync={dryRunSync} />
          <Button type="submit" variant="primary" loading={saving}>
            Save
          </Button>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
          <label htmlFor="sync-name" className="text-sm font-medium text-slate-700">
            Sync name
          </label>
          <input {...describedBy('sync-name', { error: nameError })} className={`${inputClass} max-w-xs`} {...register('name')} />
          <FieldError id="sync-name" error={nameError} />
        </div>
      </div>
      {formError && (
        <Alert tone="error" live title="The sync was not saved">
          {formError}
        </Alert>
      )}
      {saved && !formError && !connectionWarning && (
        <Alert tone="success" live>
          Sync saved.
        </Alert>
      )}
      {saved && !formError && connectionWarning && (
        <Alert tone="warning" live title="Sync saved, but the connection test failed">
          {connectionWarning} Until this works, Braze refuses what the sync sends: it pauses, and its events wait.
        </Alert>
      )}
      {pausedReason && (
        <Alert tone="warning" title="Paused by the system">
          {describePause(pauseCause).lead}: {asSentence(pausedReason)} {describePause(pauseCause).remedy}
        </Alert>
      )}
    </div>
  );
}
