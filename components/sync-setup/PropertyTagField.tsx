'use client';

import { Controller, useFormContext } from 'react-hook-form';
import { TagInput } from '@/components/ui/TagInput';
import type { SyncFormValues } from '@/lib/syncs/schema';

type PropertyListName = 'eventProperties.eventProperties' | 'eventProperties.userProperties' | 'userProperties' | 'revenue.orderEvents' | 'revenue.refundRevenueTypes';

/** A list of property names in the sync form, typed as tags with the catalog's names suggested. */
export function PropertyTagField(props: { name: PropertyListName; id: string; label: string; suggestions: string[]; placeholder: string; hint?: string }) {
  const { control } = useFormContext<SyncFormValues>();
  return (
    <Controller
      control={control}
      name={props.name}
      render={({ field, fieldState }) => (
        <TagInput
          id={props.id}
          label={props.label}
          hint={props.hint}
          values={field.value ?? []}
          onChange={field.onChange}
          suggestions={props.suggestions}
          placeholder={props.placeholder}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
