'use client';

import { useFormContext } from 'react-hook-form';
import { RadioCards } from '@/components/ui/RadioCards';
import { OBJECT_LIMIT_MODE_TEXT } from '@/lib/syncs/guard-status';
import { OBJECT_LIMIT_MODES, type SyncFormValues } from '@/lib/syncs/schema';

const OPTIONS = OBJECT_LIMIT_MODES.map((value) => ({ value, label: OBJECT_LIMIT_MODE_TEXT[value].label, description: OBJECT_LIMIT_MODE_TEXT[value].explanation }));

/**
 * The per-request object limit of the workspace (braze-api.md §2.1), each mode with the one line
 * that says which contract it is for. The sync also moves to a stricter mode by itself when Braze
 * refuses a request as too many objects (ObjectLimitSwitchNotice says so).
 */
export function ObjectLimitModeField() {
  const { register } = useFormContext<SyncFormValues>();
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Objects per request</legend>
      <p className="text-sm text-slate-500">How many objects your Braze contract lets one request carry.</p>
      <RadioCards idPrefix="object-limit" field={register('objectLimitMode')} options={OPTIONS} columns="sm:grid-cols-3" />
    </fieldset>
  );
}
