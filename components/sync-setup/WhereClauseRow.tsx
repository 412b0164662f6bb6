'use client';

import { useState } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { Button } from '@/components/ui/Button';
import { describedBy, inputClass } from '@/components/ui/Field';
import { SuggestInput } from '@/components/ui/SuggestInput';
import type { CatalogResponse } from '@/lib/client/types';
import { FILTER_OPERATORS, type SyncFormValues } from '@/lib/syncs/schema';

const OPERATOR_LABELS: Record<(typeof FILTER_OPERATORS)[number], string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  does_not_contain: 'does not contain',
  starts_with: 'starts with',
  greater_than: 'greater than',
  less_than: 'less than',
  is_set: 'is set',
  is_not_set: 'is not set',
};

const FIELD_SUGGESTIONS = ['user_id', 'device_id', 'platform', 'os_name', 'country', 'region', 'city', 'language', 'app_version', 'library'];

function splitValues(text: string): string[] {
  return text.split(',').map((v) => v.trim()).filter(Boolean);
}

/** Values typed as text, several separated by commas (any of them matches). */
function ValuesInput({ id, values, onChange, error }: { id: string; values: string[]; onChange: (values: string[]) => void; error?: string }) {
  const [text, setText] = useState(values.join(', '));
  return (
    <input
      {...describedBy(id, { error })}
      value={text}
      placeholder="value, another value"
      className={inputClass}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitValues(e.target.value));
      }}
    />
  );
}

export function WhereClauseRow({ ruleIndex, index, catalog, onRemove }: { ruleIndex: number; index: number; catalog: CatalogResponse; onRemove: () => void }) {
  const { control, register } = useFormContext<SyncFormValues>();
  const path = `eventSelection.rules.${ruleIndex}.where.${index}` as const;
  const [scope, operator] = useWatch({ control, name: [`${path}.scope`, `${path}.operator`] });
  const propertyError = useFieldError(`${path}.property`);
  const valuesError = useFieldError(`${path}.values`);
  const id = `rule-${ruleIndex}-where-${index}`;
  const suggestions =
    scope === 'user' ? catalog.userProperties.map((p) => p.name) : scope === 'field' ? FIELD_SUGGESTIONS : catalog.eventProperties.map((p) => p.name);
  const needsValue = operator !== 'is_set' && operator !== 'is_not_set';

  return (
    <fieldset className="rounded-md border border-slate-200 bg-white p-3">
      <legend className="sr-only">Filter {index + 1}</legend>
      <div className="grid items-start gap-2 sm:grid-cols-[3rem_10rem_minmax(8rem,1fr)_10rem_minmax(8rem,1fr)_2.5rem]">
        <span aria-hidden="true" className="pt-2 text-xs font-semibold uppercase tracking-wide text-slate-400">
          {index === 0 ? 'where' : 'and'}
        </span>
        <div>
          <label htmlFor={`${id}-scope`} className="sr-only">
            Property type
          </label>
          <select id={`${id}-scope`} className={inputClass} {...register(`${path}.scope`)}>
            <option value="event">Event property</option>
            <option value="user">User property</option>
            <option value="field">Event field</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-property`} className="sr-only">
            Property
          </label>
          <SuggestInput
            {...describedBy(`${id}-property`, { error: propertyError })}
            suggestions={suggestions}
            placeholder="Property name"
            className="font-mono"
            {...register(`${path}.property`)}
          />
          {propertyError && <p id={`${id}-property-error`} className="mt-1 text-sm text-red-600">{propertyError}</p>}
        </div>
        <div>
          <label htmlFor={`${id}-operator`} className="sr-only">
            Operator
          </label>
          <select id={`${id}-operator`} className={inputClass} {...register(`${path}.operator`)}>
            {FILTER_OPERATORS.map((op) => (
              <option key={op} value={op}>
                {OPERATOR_LABELS[op]}
              </option>
            ))}
          </select>
        </div>
        <div>
          {needsValue && (
            <>
              <label htmlFor={`${id}-values`} className="sr-only">
                Values
              </label>
              <Controller
                control={control}
                name={`${path}.values`}
                render={({ field }) => <ValuesInput id={`${id}-values`} values={field.value ?? []} onChange={field.onChange} error={valuesError} />}
              />
              {valuesError && <p id={`${id}-values-error`} className="mt-1 text-sm text-red-600">{valuesError}</p>}
            </>
          )}
        </div>
        <Button size="sm" variant="ghost" className="mt-1" aria-label={`Remove filter ${index + 1} of event ${ruleIndex + 1}`} onClick={onRemove}>
          ✕
        </Button>
      </div>
    </fieldset>
  );
}
