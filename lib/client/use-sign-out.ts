import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authClient } from '@/lib/client/auth-client';

/** POST /api/auth/sign-out; forgets every cached answer of the signed-out user. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await authClient.signOut();
      queryClient.clear();
    },
  });
}
