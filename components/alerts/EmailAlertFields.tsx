'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { AlertTextField } from '@/components/alerts/AlertTextField';
import type { AlertSettingsFormValues, AlertSettingsView } from '@/lib/alerts/settings-schema';

const checkboxClass = 'mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500';

/** Email alerts: on or off, and the SMTP server they go through. */
export function EmailAlertFields({ stored }: { stored: AlertSettingsView }) {
  const { register } = useFormContext<AlertSettingsFormValues>();
  const enabled = useWatch<AlertSettingsFormValues, 'emailEnabled'>({ name: 'emailEnabled' });
  return (
    <fieldset className="space-y-4">
      <legend className="sr-only">Email</legend>
      <div className="flex items-start gap-3">
        <input id="alert-email-enabled" type="checkbox" className={checkboxClass} {...register('emailEnabled')} />
        <label htmlFor="alert-email-enabled" className="text-sm font-medium text-slate-800">
          Send alerts by email
        </label>
      </div>
      {enabled && (
        <div className="grid gap-4 sm:grid-cols-2">
          <AlertTextField name="smtpHost" id="alert-smtp-host" label="SMTP server" placeholder="smtp.example.com" />
          <AlertTextField name="smtpPort" id="alert-smtp-port" label="Port" hint="587 (STARTTLS) or 465 (TLS)." />
          <div className="flex items-start gap-3 sm:col-span-2">
            <input id="alert-smtp-secure" type="checkbox" className={checkboxClass} {...register('smtpSecure')} />
            <label htmlFor="alert-smtp-secure" className="text-sm text-slate-800">
              TLS from the start (port 465); otherwise STARTTLS when the server offers it
            </label>
          </div>
          <AlertTextField name="smtpUser" id="alert-smtp-user" label="User name" optional />
          <AlertTextField
            name="smtpPassword"
            id="alert-smtp-password"
            label="Password"
            type="password"
            optional
            hint={stored.smtpPasswordSet ? 'Stored encrypted. Leave blank to keep it.' : 'Stored encrypted and never shown again.'}
            placeholder={stored.smtpPasswordSet ? 'Leave blank to keep the stored password' : undefined}
          />
          <AlertTextField name="emailFrom" id="alert-email-from" label="From" type="email" placeholder="alerts@example.com" />
          <AlertTextField name="emailTo" id="alert-email-to" label="To" hint="Several addresses separated by commas." placeholder="oncall@example.com" />
        </div>
      )}
    </fieldset>
  );
}
