'use client';

import { Controller, useFieldArray, useFormContext } from 'react-hook-form';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { WhereClauseRow } from '@/components/sync-setup/WhereClauseRow';
import { Button } from '@/components/ui/Button';
import { describedBy, FieldError } from '@/components/ui/Field';
import { SuggestInput } from '@/components/ui/SuggestInput';
import type { CatalogResponse } from '@/lib/client/types';
import type { SyncFormValues } from '@/lib/syncs/schema';

interface EventRuleCardProps {
  index: number;
  eventTypes: string[];
  catalog: CatalogResponse;
  onRemove: () => void;
}

/** One selected event (or all events) with its where-clauses. An empty event name means all events. */
export function EventRuleCard({ index, eventTypes, catalog, onRemove }: EventRuleCardProps) {
  const { control } = useFormContext<SyncFormValues>();
  const where = useFieldArray({ control, name: `eventSelection.rules.${index}.where` });
  const eventError = useFieldError(`eventSelection.rules.${index}.eventType`);
  const inputId = `rule-${index}-event`;
  const hint = 'Pick an event seen in your data or type its name; leave empty for all events.';

  return (
    <fieldset className="rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <legend className="sr-only">Event {index + 1}</legend>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1 space-y-1.5">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            Event
          </label>
          <Controller
            control={control}
            name={`eventSelection.rules.${index}.eventType`}
            render={({ field }) => (
              <SuggestInput
                {...describedBy(inputId, { hint, error: eventError })}
                ref={field.ref}
                suggestions={eventTypes}
                placeholder="All events"
                className="font-mono"
                value={field.value ?? ''}
                onBlur={field.onBlur}
                // Empty means "all events" (null), as the schema stores it.
                onChange={(e) => field.onChange(e.target.value === '' ? null : e.target.value)}
              />
            )}
          />
        </div>
        <Button size="sm" variant="ghost-danger" aria-label={`Remove event ${index + 1}`} onClick={onRemove}>
          Remove
        </Button>
      </div>
      <p id={`${inputId}-hint`} className="mt-1.5 text-sm text-slate-500">
        {hint}
      </p>
      <FieldError id={inputId} error={eventError} />

      {where.fields.length > 0 && (
        <div className="mt-4 space-y-2">
          {where.fields.map((clause, clauseIndex) => (
            <WhereClauseRow
              key={clause.id}
              ruleIndex={index}
              index={clauseIndex}
              catalog={catalog}
              onRemove={() => where.remove(clauseIndex)}
            />
          ))}
        </div>
      )}
      <Button
        size="sm"
        variant="ghost"
        className="mt-3"
        onClick={() =>
          where.append(
            { scope: 'event', property: '', operator: 'is', values: [] },
            { shouldFocus: true, focusName: `eventSelection.rules.${index}.where.${where.fields.length}.property` },
          )
        }
      >
        + Add filter
      </Button>
    </fieldset>
  );
}
