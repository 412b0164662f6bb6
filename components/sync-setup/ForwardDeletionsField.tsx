'use client';

import { useFormContext } from 'react-hook-form';
import type { SyncFormValues } from '@/lib/syncs/schema';

/** Whether user deletions (Settings or the User Privacy API) reach this sync's Braze workspace. */
export function ForwardDeletionsField() {
  const { register } = useFormContext<SyncFormValues>();
  return (
    <div className="flex items-start gap-3">
      <input id="forward-deletions" type="checkbox" aria-describedby="forward-deletions-hint" className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" {...register('forwardDeletions')} />
      <div>
        <label htmlFor="forward-deletions" className="text-sm font-medium text-slate-800">
          Forward deletions
        </label>
        <p id="forward-deletions-hint" className="text-sm text-slate-500">
          When a user is deleted (Settings, or the User Privacy API), delete the user in this Braze workspace too with /users/delete, using this sync&apos;s
          identifier mapping. The REST API key needs the users.delete permission.
        </p>
      </div>
    </div>
  );
}
