import { useMutation } from '@tanstack/react-query';
import { authClient } from '@/lib/client/auth-client';
import type { LoginInput } from '@/lib/auth/login-schema';

export class SignInError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'SignInError';
  }
}

function describeFailure(status: number, retryAfter: string | null): string {
  if (status === 401) return 'Wrong email or password.';
  if (status === 429) {
    const seconds = Number(retryAfter);
    const wait = Number.isFinite(seconds) && seconds > 0 ? ` in ${seconds} second${seconds === 1 ? '' : 's'}` : ' in a minute';
    return `Too many sign-in attempts. Try again${wait}.`;
  }
  if (status === 403) return 'Sign-in was refused for this address. Open the product at its own URL and try again.';
  return 'Could not sign in right now. Try again.';
}

/** POST /api/auth/sign-in/email, with the failure said plainly (wrong password, throttled). */
export function useSignIn() {
  return useMutation({
    mutationFn: async (input: LoginInput) => {
      let retryAfter: string | null = null;
      const { error } = await authClient.signIn.email(
        { email: input.email, password: input.password },
        { onError: (ctx) => { retryAfter = ctx.response.headers.get('X-Retry-After'); } },
      );
      if (error) throw new SignInError(describeFailure(error.status, retryAfter), error.status);
    },
  });
}
