'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { newSyncSchema } from '@/lib/syncs/schema';

type NewSync = z.infer<typeof newSyncSchema>;

/** "Enter a sync name, then click Create Sync": the sync is set up, then saved, on its own page. */
export function CreateSyncForm() {
  const router = useRouter();
  const { register, handleSubmit, formState } = useForm<NewSync>({ resolver: zodResolver(newSyncSchema), defaultValues: { name: '' } });
  const error = formState.errors.name?.message;
  const onSubmit = handleSubmit(({ name }) => router.push(`/syncs/new?name=${encodeURIComponent(name)}`));
  return (
    <section aria-labelledby="create-sync-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="create-sync-title" className="text-base font-semibold text-slate-900">
        Create a new sync
      </h2>
      <p className="mt-1 text-sm text-slate-500">A sync streams this project&apos;s events and users to one Braze workspace.</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <Field id="new-sync-name" label="Sync name" error={error}>
          <input {...describedBy('new-sync-name', { error })} className={inputClass} placeholder="e.g. Braze production" {...register('name')} />
        </Field>
        <Button type="submit" variant="primary" className="w-full" loading={formState.isSubmitSuccessful}>
          Create Sync
        </Button>
      </form>
    </section>
  );
}
