'use client';

import { get, useFormContext, useFormState, type FieldPath } from 'react-hook-form';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import type { AlertSettingsFormValues } from '@/lib/alerts/settings-schema';

type TextFieldName = Exclude<FieldPath<AlertSettingsFormValues>, 'removeWebhook' | 'emailEnabled' | 'smtpSecure'>;

interface AlertTextFieldProps {
  name: TextFieldName;
  id: string;
  label: string;
  hint?: string;
  optional?: boolean;
  type?: 'text' | 'password' | 'url' | 'email';
  placeholder?: string;
  className?: string;
}

/** One text input of the alert settings form, with its label, hint and error. */
export function AlertTextField({ name, id, label, hint, optional, type = 'text', placeholder, className }: AlertTextFieldProps) {
  const { register } = useFormContext<AlertSettingsFormValues>();
  const { errors } = useFormState<AlertSettingsFormValues>({ name });
  const error = (get(errors, name) as { message?: string } | undefined)?.message;
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <input
        {...describedBy(id, { hint, error })}
        type={type}
        spellCheck={false}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        placeholder={placeholder}
        className={`${inputClass} ${type === 'password' || type === 'url' ? 'font-mono' : ''}`}
        {...register(name)}
      />
    </Field>
  );
}
