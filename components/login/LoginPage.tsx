'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { LogoMark } from '@/components/shell/LogoMark';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describedBy, Field, inputClass } from '@/components/ui/Field';
import { loginSchema, type LoginInput } from '@/lib/auth/login-schema';
import { useSignIn } from '@/lib/client/use-sign-in';

export function LoginPage({ next }: { next: string }) {
  const router = useRouter();
  const signIn = useSignIn();
  const { register, handleSubmit, formState } = useForm<LoginInput>({ resolver: zodResolver(loginSchema), defaultValues: { email: '', password: '' } });
  const { errors } = formState;

  const onSubmit = handleSubmit((input) =>
    signIn.mutate(input, {
      onSuccess: () => {
        router.replace(next);
        router.refresh();
      },
    }),
  );

  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-6 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <LogoMark className="h-10 w-10" />
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in</h1>
          <p className="text-sm text-slate-500">Braze Event Streaming</p>
        </div>
        <form onSubmit={onSubmit} noValidate aria-label="Sign in" className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {signIn.error && (
            <Alert tone="error" live>
              {signIn.error.message}
            </Alert>
          )}
          <Field id="email" label="Email" error={errors.email?.message}>
            <input {...describedBy('email', { error: errors.email?.message })} type="email" autoComplete="username" autoFocus className={inputClass} {...register('email')} />
          </Field>
          <Field id="password" label="Password" error={errors.password?.message}>
            <input {...describedBy('password', { error: errors.password?.message })} type="password" autoComplete="current-password" className={inputClass} {...register('password')} />
          </Field>
          <Button type="submit" variant="primary" className="w-full" loading={signIn.isPending || signIn.isSuccess}>
            Sign in
          </Button>
        </form>
        <p className="mt-6 text-center text-xs text-slate-500">
          The admin account is set by ADMIN_EMAIL and ADMIN_PASSWORD (or printed on first start).
        </p>
      </div>
    </main>
  );
}
