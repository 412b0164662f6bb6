'use client';

import { Controller, useFormContext } from 'react-hook-form';
import { TagInput } from '@/components/ui/TagInput';
import type { CatalogResponse } from '@/lib/client/types';
import type { SyncFormValues } from '@/lib/syncs/schema';

/** Event and user properties sent as Braze custom event properties; none selected sends none. */
export function AdditionalEventProperties({ catalog }: { catalog: CatalogResponse }) {
  const { control } = useFormContext<SyncFormValues>();
  return (
    <div className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">Select additional properties</h3>
        <p className="text-sm text-slate-500">
          Event and user properties to send to Braze as custom event properties. If you don&apos;t select any properties here, none are sent.
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Controller
          control={control}
          name="eventProperties.eventProperties"
          render={({ field, fieldState }) => (
            <TagInput
              id="event-additional-event-properties"
              label="Event properties"
              values={field.value ?? []}
              onChange={field.onChange}
              suggestions={catalog.eventProperties.map((p) => p.name)}
              placeholder="e.g. amount"
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="eventProperties.userProperties"
          render={({ field, fieldState }) => (
            <TagInput
              id="event-additional-user-properties"
              label="User properties"
              values={field.value ?? []}
              onChange={field.onChange}
              suggestions={catalog.userProperties.map((p) => p.name)}
              placeholder="e.g. plan"
              error={fieldState.error?.message}
            />
          )}
        />
      </div>
    </div>
  );
}
