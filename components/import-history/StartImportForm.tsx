'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { Switch } from '@/components/ui/Switch';
import { ApiError } from '@/lib/client/api-fetch';
import { useStartImport } from '@/lib/client/use-import-history';
import { DEFAULT_RATE_SHARE, startImportSchema, type StartImportForm as FormValues, type StartImportInput } from '@/lib/import/import-schema';

const SOURCE_NAMES: Record<string, string> = { US: 'US (amplitude.com)', EU: 'EU (analytics.eu.amplitude.com)' };

/** "2026-03-01T09:00": the datetime-local value of a UTC hour, `hoursAgo` whole hours back. */
function utcHourInput(hoursAgo: number): string {
  const at = new Date(Date.now() - hoursAgo * 3_600_000);
  return `${at.toISOString().slice(0, 13)}:00`;
}

/** The Export API has an hour's data about two hours after it ends. */
const defaults = (): FormValues => ({
  startHour: utcHourInput(24 * 7 + 3),
  endHour: utcHourInput(3),
  region: 'US',
  apiKey: '',
  secretKey: '',
  attributesOnly: true,
  rateShare: DEFAULT_RATE_SHARE,
});

export function StartImportForm({ syncId, sources, sendsUsers }: { syncId: string; sources: string[]; sendsUsers: boolean }) {
  const start = useStartImport(syncId);
  const form = useForm<FormValues, unknown, StartImportInput>({ resolver: zodResolver(startImportSchema), defaultValues: defaults() });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(async (input) => {
    try {
      await start.mutateAsync(input);
      form.reset({ ...input, apiKey: '', secretKey: '' });
    } catch (error) {
      const issues = error instanceof ApiError ? Object.entries(error.issues) : [];
      for (const [field, messages] of issues) form.setError(field as FieldPath<FormValues>, { type: 'server', message: messages.join(' ') });
    }
  });
  const attributesOnly = useWatch({ control: form.control, name: 'attributesOnly' });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="import-start" label="First hour (UTC)" error={errors.startHour?.message}>
          <input type="datetime-local" step={3600} className={inputClass} {...describedBy('import-start', { error: errors.startHour?.message })} {...form.register('startHour')} />
        </Field>
        <Field id="import-end" label="Last hour (UTC)" hint="Included. Amplitude can export an hour about two hours after it ends." error={errors.endHour?.message}>
          <input type="datetime-local" step={3600} className={inputClass} {...describedBy('import-end', { hint: true, error: errors.endHour?.message })} {...form.register('endHour')} />
        </Field>
        <Field id="import-region" label="Amplitude data region" error={errors.region?.message}>
          <select className={inputClass} {...describedBy('import-region', { error: errors.region?.message })} {...form.register('region')}>
            {sources.map((s) => (
              <option key={s} value={s}>
                {SOURCE_NAMES[s] ?? s}
              </option>
            ))}
          </select>
        </Field>
        <Field id="import-share" label="Share of the Braze rate limit (%)" hint="Live traffic always keeps the rest of the workspace's requests." error={errors.rateShare?.message}>
          <input type="number" min={1} max={100} className={inputClass} {...describedBy('import-share', { hint: true, error: errors.rateShare?.message })} {...form.register('rateShare', { valueAsNumber: true })} />
        </Field>
        <Field id="import-api-key" label="Amplitude API key" error={errors.apiKey?.message}>
          <input type="password" autoComplete="off" className={inputClass} {...describedBy('import-api-key', { error: errors.apiKey?.message })} {...form.register('apiKey')} />
        </Field>
        <Field id="import-secret-key" label="Amplitude secret key" hint="Stored encrypted, used only for this import, never shown again." error={errors.secretKey?.message}>
          <input type="password" autoComplete="off" className={inputClass} {...describedBy('import-secret-key', { hint: true, error: errors.secretKey?.message })} {...form.register('secretKey')} />
        </Field>
      </div>
      <div className="space-y-2">
        <Controller
          control={form.control}
          name="attributesOnly"
          render={({ field }) => (
            <Switch id="import-attributes-only" label="Attributes only" checked={field.value ?? true} onChange={field.onChange} onText="User attributes only" offText="User attributes and custom events" />
          )}
        />
        <p className="text-sm text-slate-500">
          {attributesOnly
            ? 'Only user attributes are sent, so old events do not trigger Braze campaigns, Canvases or segments built on events. Recommended.'
            : 'Old events are sent as custom events with their original time. Braze may trigger action-based campaigns and Canvases for them: check your triggers before you start.'}
        </p>
        {attributesOnly && !sendsUsers && (
          <Alert tone="warning">This sync does not send users (Send Users is off): an import of attributes only would send nothing. Turn on Send Users or include events.</Alert>
        )}
      </div>
      {start.isError && !(start.error instanceof ApiError && Object.keys(start.error.issues).length > 0) && (
        <Alert tone="error" live>
          {start.error.message}
        </Alert>
      )}
      <Button type="submit" variant="primary" loading={start.isPending}>
        Start import
      </Button>
    </form>
  );
}
