'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { RadioCards } from '@/components/ui/RadioCards';
import { SectionCard } from '@/components/ui/SectionCard';
import { SuggestInput } from '@/components/ui/SuggestInput';
import type { CatalogResponse } from '@/lib/client/types';
import { IDENTIFIER_TYPES, type SyncFormValues } from '@/lib/syncs/schema';

const TYPE_TEXT: Record<(typeof IDENTIFIER_TYPES)[number], { label: string; description: string }> = {
  EXTERNAL_ID: { label: 'External ID', description: 'Any unique identifier for each user in Braze.' },
  BRAZE_ID: { label: 'Braze ID', description: 'A unique identifier provided by Braze for each user.' },
  USER_ALIAS: { label: 'User Alias', description: 'An alternative unique identifier for each user in Braze.' },
  EMAIL: { label: 'Email', description: "The user's email address; Braze finds the profile by email." },
};

const TYPE_OPTIONS = IDENTIFIER_TYPES.map((value) => ({ value, ...TYPE_TEXT[value] }));

const PROPERTY_HINT = 'user_id, device_id, or any user property seen in your events.';

export function MappingsSection({ catalog }: { catalog: CatalogResponse }) {
  const { register, control } = useFormContext<SyncFormValues>();
  const type = useWatch({ control, name: 'identifierType' });
  const propertyError = useFieldError('identifierProperty');
  const aliasError = useFieldError('aliasLabel');
  const typeError = useFieldError('identifierType');
  const suggestions = ['user_id', 'device_id', ...catalog.userProperties.map((p) => p.name).filter((n) => n !== 'user_id' && n !== 'device_id')];

  return (
    <SectionCard id="mappings" step={2} title="Configure mappings" description="This applies to both event and user forwarding.">
      <Field id="identifier-property" label="Amplitude property for the Braze user ID" hint={PROPERTY_HINT} error={propertyError}>
        <SuggestInput
          {...describedBy('identifier-property', { hint: PROPERTY_HINT, error: propertyError })}
          suggestions={suggestions}
          className="max-w-md font-mono"
          {...register('identifierProperty')}
        />
      </Field>
      <fieldset aria-describedby={typeError ? 'identifier-type-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Type of the Braze user ID</legend>
        <RadioCards idPrefix="identifier-type" field={register('identifierType')} options={TYPE_OPTIONS} columns="sm:grid-cols-2" />
        {typeError && (
          <p id="identifier-type-error" className="mt-1 text-sm text-red-600">
            {typeError}
          </p>
        )}
      </fieldset>
      {type === 'USER_ALIAS' && (
        <Field id="alias-label" label="Alias label" hint="The label of the alias in Braze; the property's value becomes the alias name." error={aliasError}>
          <input {...describedBy('alias-label', { hint: true, error: aliasError })} className={`${inputClass} max-w-md font-mono`} {...register('aliasLabel')} />
        </Field>
      )}
    </SectionCard>
  );
}
