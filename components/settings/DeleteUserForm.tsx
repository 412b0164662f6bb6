'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { describedBy, FieldError, inputClass } from '@/components/ui/Field';
import { ApiError } from '@/lib/client/api-fetch';
import { useDeleteUsers } from '@/lib/client/use-privacy-mutations';
import { deleteUsersFormSchema, type DeleteUsersInput } from '@/lib/privacy/settings-schema';

type FormInput = z.input<typeof deleteUsersFormSchema>;

/** "Delete a user": user IDs, one per line, confirmed before anything is deleted. */
export function DeleteUserForm({ graceDays }: { graceDays: number }) {
  const remove = useDeleteUsers();
  const [pending, setPending] = useState<DeleteUsersInput | null>(null);
  const form = useForm<FormInput, unknown, DeleteUsersInput>({ resolver: zodResolver(deleteUsersFormSchema), defaultValues: { userIds: '' } });
  const error = form.formState.errors.userIds?.message;

  const confirm = () => {
    if (!pending) return;
    remove.mutate(pending, {
      onSuccess: () => {
        setPending(null);
        form.reset();
      },
      onError: (e) => {
        setPending(null);
        form.setError('userIds', { type: 'server', message: e instanceof ApiError ? (e.issues.userIds?.join(' ') ?? e.message) : 'Could not record the deletion. Try again.' });
      },
    });
  };

  return (
    <form onSubmit={form.handleSubmit((values) => setPending(values))} noValidate aria-label="Delete a user" className="space-y-2">
      <label htmlFor="delete-user-ids" className="block text-sm font-medium text-slate-800">
        User IDs
      </label>
      <textarea
        {...describedBy('delete-user-ids', { hint: true, error })}
        rows={2}
        placeholder="One user_id per line"
        className={`${inputClass} max-w-md font-mono`}
        {...form.register('userIds')}
      />
      <p id="delete-user-ids-hint" className="text-sm text-slate-500">
        Up to 100 at a time. Deleted in Braze by every sync with Forward deletions on, and here.
      </p>
      <FieldError id="delete-user-ids" error={error} />
      <Button type="submit" variant="danger">
        Delete user
      </Button>
      {remove.isSuccess && (
        <Alert tone="success" live>
          Deletion recorded. Its steps are listed below as they run.
        </Alert>
      )}
      <ConfirmDialog
        open={pending !== null}
        title="Delete this user everywhere?"
        confirmLabel="Delete"
        pending={remove.isPending}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        The profile is deleted in Braze (every sync with Forward deletions on) and every copy here is removed. This cannot be undone.
        {graceDays > 0 ? ` Events of this user are refused for ${graceDays} day${graceDays === 1 ? '' : 's'}.` : ''}
      </ConfirmDialog>
    </form>
  );
}
