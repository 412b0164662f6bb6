'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/Button';
import { describedBy, FieldError, inputClass } from '@/components/ui/Field';
import { ApiError } from '@/lib/client/api-fetch';
import { useCreateApiToken } from '@/lib/client/use-create-api-token';
import { type CreateApiTokenInput, createApiTokenSchema } from '@/lib/tokens/schema';

/** Names and creates a token; `onCreated` receives the token, which is shown only then. */
export function CreateApiTokenForm({ onCreated }: { onCreated: (token: string, name: string) => void }) {
  const create = useCreateApiToken();
  const form = useForm<CreateApiTokenInput>({ resolver: zodResolver(createApiTokenSchema), defaultValues: { name: '' } });
  const error = form.formState.errors.name?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync(values);
      form.reset();
      onCreated(created.token, created.apiToken.name);
    } catch (e) {
      const message = e instanceof ApiError ? (e.issues.name?.join(' ') ?? e.message) : 'Could not create the token. Try again.';
      form.setError('name', { type: 'server', message });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create API token" className="space-y-1.5">
      <label htmlFor="api-token-name" className="block text-sm font-medium text-slate-800">
        Token name
      </label>
      <div className="flex flex-wrap items-start gap-3">
        <input
          {...describedBy('api-token-name', { error })}
          placeholder="e.g. CI deploy"
          autoComplete="off"
          className={`${inputClass} max-w-sm`}
          {...form.register('name')}
        />
        <Button type="submit" variant="primary" loading={form.formState.isSubmitting}>
          Create token
        </Button>
      </div>
      <FieldError id="api-token-name" error={error} />
    </form>
  );
}
