'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, type FieldPath } from 'react-hook-form';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { SectionCard } from '@/components/ui/SectionCard';
import { QueryContent } from '@/components/ui/QueryContent';
import { Switch } from '@/components/ui/Switch';
import { ApiError } from '@/lib/client/api-fetch';
import { useForwardSettings, useSaveForwardSettings } from '@/lib/client/use-forward-settings';
import { forwardSettingsSchema, type ForwardSettingsFormValues, type ForwardSettingsInput, type ForwardSettingsView } from '@/lib/forward/settings-schema';

const DESCRIPTION =
  'Send every accepted event, identify and group identify on to Amplitude as well, unchanged (same insert_id), from a queue of its own: Amplitude keeps its data while Braze gets its syncs, and neither waits for the other.';

export function ForwardToAmplitudeCard() {
  const settings = useForwardSettings();
  return (
    <SectionCard id="forward-to-amplitude" title="Forward to Amplitude" description={DESCRIPTION}>
      <QueryContent query={settings} loading="Loading the forwarding settings…">
        {(stored) => <ForwardForm stored={stored} />}
      </QueryContent>
    </SectionCard>
  );
}

const REGION_HINT = "Where your Amplitude project's data lives (its HTTP V2, Identify and Group Identify hosts).";

const formValuesOf = (s: ForwardSettingsView): ForwardSettingsFormValues => ({ enabled: s.enabled, region: s.region, apiKey: '', useIngestionKey: false });

function ForwardForm({ stored }: { stored: ForwardSettingsView }) {
  const form = useForm<ForwardSettingsFormValues, unknown, ForwardSettingsInput>({ resolver: zodResolver(forwardSettingsSchema), defaultValues: formValuesOf(stored) });
  const save = useSaveForwardSettings();
  const [formError, setFormError] = useState<string | null>(null);
  const { errors } = form.formState;

  const onSave = form.handleSubmit(
    async (values) => {
      setFormError(null);
      save.reset();
      try {
        form.reset(formValuesOf(await save.mutateAsync(values)));
      } catch (error) {
        const issues = error instanceof ApiError ? Object.entries(error.issues) : [];
        for (const [path, messages] of issues) form.setError(path as FieldPath<ForwardSettingsFormValues>, { type: 'server', message: messages.join(' ') });
        setFormError(issues.length > 0 ? 'Some fields need your attention.' : error instanceof Error ? error.message : 'Something went wrong. Try again.');
      }
    },
    () => setFormError('Some fields need your attention.'),
  );

  const keyHint = stored.apiKeyLast4
    ? `Stored encrypted (ends in ${stored.apiKeyLast4}). Leave blank to keep it.`
    : 'Blank forwards with this project\'s ingestion API key, the one your SDKs send.';
  return (
    <form onSubmit={onSave} noValidate aria-label="Forward to Amplitude" className="space-y-5">
      <Controller
        control={form.control}
        name="enabled"
        render={({ field }) => (
          <Switch id="forward-enabled" label="Forward to Amplitude" checked={Boolean(field.value)} onChange={field.onChange} onText="On: accepted events also go to Amplitude" offText="Off" />
        )}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="forward-region" label="Amplitude region" hint={REGION_HINT} error={errors.region?.message}>
          <select {...describedBy('forward-region', { hint: REGION_HINT, error: errors.region?.message })} className={inputClass} {...form.register('region')}>
            {stored.regions.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="forward-api-key" label="Amplitude API key" optional hint={keyHint} error={errors.apiKey?.message}>
          <input
            {...describedBy('forward-api-key', { hint: keyHint, error: errors.apiKey?.message })}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            placeholder={stored.apiKeyLast4 ? 'Leave blank to keep the stored key' : 'The ingestion API key'}
            className={`${inputClass} font-mono`}
            {...form.register('apiKey')}
          />
        </Field>
      </div>
      {stored.apiKeyLast4 && (
        <div className="flex items-start gap-3">
          <input id="forward-use-ingestion-key" type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" {...form.register('useIngestionKey')} />
          <label htmlFor="forward-use-ingestion-key" className="text-sm text-slate-800">
            Forget the stored key and forward with the ingestion API key
          </label>
        </div>
      )}
      {stored.problem && (
        <Alert tone="error">{stored.problem}. Forwarded events wait, queued, until it is fixed.</Alert>
      )}
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-5">
        <Button type="submit" variant="primary" loading={save.isPending}>
          Save forwarding
        </Button>
        <span className="text-sm text-slate-500">Takes effect within a few seconds. The Delivery page shows what reached Amplitude.</span>
      </div>
      {formError && (
        <Alert tone="error" live>
          {formError}
        </Alert>
      )}
      {save.isSuccess && (
        <Alert tone="success" live>
          {save.data.enabled ? 'Forwarding to Amplitude is on.' : 'Forwarding to Amplitude is off.'}
        </Alert>
      )}
    </form>
  );
}
