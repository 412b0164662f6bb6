'use client';

import { useFormContext } from 'react-hook-form';
import { OBJECT_LIMIT_MODE_TEXT } from '@/lib/syncs/guard-status';
import { OBJECT_LIMIT_MODES, type SyncFormValues } from '@/lib/syncs/schema';

/**
 * The per-request object limit of the workspace (braze-api.md §2.1), each mode with the one line
 * that says which contract it is for. The sync also moves to a stricter mode by itself when Braze
 * refuses a request as too many objects (ObjectLimitSwitchNotice says so).
 */
export function ObjectLimitModeField() {
  const { register } = useFormContext<SyncFormValues>();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Objects per request</legend>
      <p className="text-sm text-slate-500">How many objects your Braze contract lets one request carry.</p>
      <div className="grid gap-2 sm:grid-cols-3">
        {OBJECT_LIMIT_MODES.map((value) => (
          <div key={value} className="flex items-start gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/50">
            <input
              id={`object-limit-${value}`}
              type="radio"
              value={value}
              aria-describedby={`object-limit-${value}-hint`}
              className="mt-0.5 h-4 w-4 border-slate-300 text-brand-600 focus:ring-brand-500"
              {...register('objectLimitMode')}
            />
            <div>
              <label htmlFor={`object-limit-${value}`} className="text-sm font-medium text-slate-800">
                {OBJECT_LIMIT_MODE_TEXT[value].label}
              </label>
              <p id={`object-limit-${value}-hint`} className="text-sm text-slate-500">
                {OBJECT_LIMIT_MODE_TEXT[value].explanation}
              </p>
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
