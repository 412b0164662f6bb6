'use client';

import { useFormContext, type UseFormRegisterReturn } from 'react-hook-form';
import { useFieldError } from '@/components/sync-setup/use-field-error';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import type { EndpointOption } from '@/lib/client/types';
import type { SyncFormValues } from '@/lib/syncs/schema';

const HINT = 'Pick the cluster of your Braze dashboard: e.g. dashboard-01.braze.com is US-01.';

function optionLabel(option: EndpointOption): string {
  if (option.custom) return `Custom · ${option.host}`;
  return `${option.cluster} · ${option.host} (${option.dashboardHost})`;
}

export function EndpointSelect({ endpoints, field }: { endpoints: EndpointOption[]; field: UseFormRegisterReturn<'brazeEndpoint'> }) {
  const { getValues } = useFormContext<SyncFormValues>();
  const error = useFieldError('brazeEndpoint');
  const current = getValues('brazeEndpoint');
  const braze = endpoints.filter((e) => !e.custom);
  const custom = endpoints.filter((e) => e.custom);
  // A saved endpoint the operator has since removed from the list stays visible, not silently replaced.
  const unknown = current && !endpoints.some((e) => e.value === current) ? current : null;
  return (
    <Field id="braze-endpoint" label="Braze REST API Endpoint" hint={HINT} error={error}>
      <select {...describedBy('braze-endpoint', { hint: HINT, error })} className={inputClass} {...field}>
        <option value="">Select your Braze REST API Endpoint</option>
        <optgroup label="Braze instances">
          {braze.map((option) => (
            <option key={option.value} value={option.value}>
              {optionLabel(option)}
            </option>
          ))}
        </optgroup>
        {custom.length > 0 && (
          <optgroup label="Custom endpoints (BRAZE_CUSTOM_ENDPOINTS)">
            {custom.map((option) => (
              <option key={option.value} value={option.value}>
                {optionLabel(option)}
              </option>
            ))}
          </optgroup>
        )}
        {unknown && <option value={unknown}>{unknown} (no longer allowed)</option>}
      </select>
    </Field>
  );
}
