'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { OBJECT_LIMIT_MODE_TEXT } from '@/lib/syncs/guard-status';
import { OBJECT_LIMIT_MODES, type SyncFormValues } from '@/lib/syncs/schema';

/**
 * The per-request object limit of the workspace (braze-api.md §2.1), with the one line that says
 * which contract each mode is for. The sync also moves to a stricter mode by itself when Braze
 * refuses a request as too many objects (ObjectLimitSwitchNotice says so).
 */
export function ObjectLimitModeField() {
  const { control, register } = useFormContext<SyncFormValues>();
  const mode = useWatch({ control, name: 'objectLimitMode' }) ?? 'combined75';
  const hint = OBJECT_LIMIT_MODE_TEXT[mode].explanation;
  return (
    <Field id="object-limit-mode" label="Objects per request" hint={hint}>
      <select {...describedBy('object-limit-mode', { hint })} className={inputClass} {...register('objectLimitMode')}>
        {OBJECT_LIMIT_MODES.map((value) => (
          <option key={value} value={value}>
            {OBJECT_LIMIT_MODE_TEXT[value].label} — {OBJECT_LIMIT_MODE_TEXT[value].explanation}
          </option>
        ))}
      </select>
    </Field>
  );
}
