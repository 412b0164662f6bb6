'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { describedBy, FieldError, inputClass } from '@/components/ui/Field';
import { useSaveGraceDays } from '@/lib/client/use-privacy-mutations';
import { graceDaysSchema } from '@/lib/privacy/settings-schema';

type Input = z.input<typeof graceDaysSchema>;
type Output = z.output<typeof graceDaysSchema>;

/** How long events of a deleted user are refused, so a client still sending does not re-create it. */
export function GraceDaysForm({ graceDays }: { graceDays: number }) {
  const save = useSaveGraceDays();
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(graceDaysSchema), values: { graceDays } });
  const error = form.formState.errors.graceDays?.message ?? save.error?.message;
  return (
    <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate aria-label="Grace period" className="space-y-1.5">
      <label htmlFor="grace-days" className="block text-sm font-medium text-slate-800">
        Refuse events of deleted users for (days)
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <input {...describedBy('grace-days', { error })} type="number" min={0} max={365} className={`${inputClass} max-w-28`} {...form.register('graceDays')} />
        <Button type="submit" size="sm" loading={save.isPending}>
          Save
        </Button>
        {save.isSuccess && !form.formState.isDirty && <span role="status" className="text-sm text-emerald-700">Saved</span>}
      </div>
      <FieldError id="grace-days" error={error} />
    </form>
  );
}
