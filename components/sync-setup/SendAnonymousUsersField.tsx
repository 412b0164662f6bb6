'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import type { SyncFormValues } from '@/lib/syncs/schema';

/** "Send anonymous users" and, when on, the alias label their profiles are named by. */
export function SendAnonymousUsersField() {
  const { control, register } = useFormContext<SyncFormValues>();
  const on = useWatch({ control, name: 'sendAnonymousUsers' });
  const labelError = useFieldError('anonymousAliasLabel');
  return (
    <div className="space-y-3">
      <div className="flex items-start gap-3">
        <input
          id="send-anonymous-users"
          type="checkbox"
          aria-describedby="send-anonymous-users-hint"
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
          {...register('sendAnonymousUsers')}
        />
        <div>
          <label htmlFor="send-anonymous-users" className="text-sm font-medium text-slate-800">
            Send anonymous users
          </label>
          <p id="send-anonymous-users-hint" className="text-sm text-slate-500">
            Send events and user properties of devices without a user ID to Braze as alias-only profiles (alias name: the device ID), and merge each into its
            user when the device logs in. The REST API key then also needs the users.identify and users.merge permissions.
          </p>
        </div>
      </div>
      {on && (
        <Field id="anonymous-alias-label" label="Alias label" hint="The alias_label of anonymous profiles in Braze." error={labelError}>
          <input
            {...describedBy('anonymous-alias-label', { hint: true, error: labelError })}
            spellCheck={false}
            className={`${inputClass} font-mono`}
            {...register('anonymousAliasLabel')}
          />
        </Field>
      )}
    </div>
  );
}
