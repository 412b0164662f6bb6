'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { AlertTextField } from '@/components/alerts/AlertTextField';
import { EmailAlertFields } from '@/components/alerts/EmailAlertFields';
import { TestAlertResults } from '@/components/alerts/TestAlertResults';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { SectionCard } from '@/components/ui/SectionCard';
import { QueryContent } from '@/components/ui/QueryContent';
import { alertSettingsSchema, type AlertSettingsFormValues, type AlertSettingsInput, type AlertSettingsView } from '@/lib/alerts/settings-schema';
import { ApiError } from '@/lib/client/api-fetch';
import { useAlertSettings } from '@/lib/client/use-alert-settings';
import { useSaveAlertSettings } from '@/lib/client/use-save-alert-settings';
import { useSendTestAlert } from '@/lib/client/use-send-test-alert';

const DESCRIPTION =
  'When a sync becomes degraded, failing or paused, and when it has been healthy again for a minute. At most one alert per sync and state every 10 minutes.';

export function AlertSettingsCard() {
  const settings = useAlertSettings();
  return (
    <SectionCard id="alerts" title="Health alerts" description={DESCRIPTION}>
      <QueryContent query={settings} loading="Loading the alert settings…">
        {(stored) => <AlertSettingsForm stored={stored} />}
      </QueryContent>
    </SectionCard>
  );
}

const formValuesOf = (s: AlertSettingsView): AlertSettingsFormValues => ({
  webhookUrl: '',
  removeWebhook: false,
  emailEnabled: s.emailEnabled,
  smtpHost: s.smtpHost,
  smtpPort: s.smtpPort || '587',
  smtpSecure: s.smtpSecure,
  smtpUser: s.smtpUser,
  smtpPassword: '',
  emailFrom: s.emailFrom,
  emailTo: s.emailTo,
});

function AlertSettingsForm({ stored }: { stored: AlertSettingsView }) {
  const form = useForm<AlertSettingsFormValues, unknown, AlertSettingsInput>({ resolver: zodResolver(alertSettingsSchema), defaultValues: formValuesOf(stored) });
  const save = useSaveAlertSettings();
  const test = useSendTestAlert();
  const [formError, setFormError] = useState<string | null>(null);

  const showServerError = (error: unknown) => {
    const issues = error instanceof ApiError ? Object.entries(error.issues) : [];
    for (const [path, messages] of issues) form.setError(path as FieldPath<AlertSettingsFormValues>, { type: 'server', message: messages.join(' ') }, { shouldFocus: true });
    setFormError(issues.length > 0 ? 'Some fields need your attention.' : error instanceof Error ? error.message : 'Something went wrong. Try again.');
  };
  const run = (action: (values: AlertSettingsInput) => Promise<unknown>) =>
    form.handleSubmit(
      async (values) => {
        setFormError(null);
        save.reset();
        test.reset();
        await action(values).catch(showServerError);
      },
      () => setFormError('Some fields need your attention.'),
    );
  const onSave = run(async (values) => form.reset(formValuesOf(await save.mutateAsync(values))));
  const onTest = run((values) => test.mutateAsync(values));

  const webhookHint = stored.webhookUrlHint
    ? `Stored encrypted (${stored.webhookUrlHint}). Leave blank to keep it.`
    : 'A Slack incoming webhook, or any https URL that accepts JSON: {"text": …} plus the sync, state, reason and since.';
  return (
    <FormProvider {...form}>
      <form onSubmit={onSave} noValidate aria-label="Health alerts" className="space-y-6">
        <div className="space-y-3">
          <AlertTextField name="webhookUrl" id="alert-webhook-url" label="Webhook URL" type="url" optional hint={webhookHint} placeholder={stored.webhookUrlHint ? 'Leave blank to keep the stored URL' : 'https://hooks.slack.com/services/…'} />
          {stored.webhookUrlHint && (
            <div className="flex items-start gap-3">
              <input id="alert-remove-webhook" type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" {...form.register('removeWebhook')} />
              <label htmlFor="alert-remove-webhook" className="text-sm text-slate-800">
                Remove the stored webhook
              </label>
            </div>
          )}
        </div>
        <EmailAlertFields stored={stored} />
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-5">
          <Button type="submit" variant="primary" loading={save.isPending}>
            Save alert settings
          </Button>
          <Button onClick={() => void onTest()} loading={test.isPending}>
            Send test alert
          </Button>
          <span className="text-sm text-slate-500">The test uses the form as it stands; blank secrets are the stored ones.</span>
        </div>
        {formError && (
          <Alert tone="error" live>
            {formError}
          </Alert>
        )}
        {save.isSuccess && (
          <Alert tone="success" live>
            Alert settings saved.
          </Alert>
        )}
        {test.data && <TestAlertResults results={test.data.results} />}
      </form>
    </FormProvider>
  );
}
