/** The privacy mutations of Settings; each refreshes the overview. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { privacyKeys } from '@/lib/client/privacy-keys';
import type { CreatedSecretKey } from '@/lib/privacy/secret-key';
import type { DeleteUsersInput } from '@/lib/privacy/settings-schema';

function useInvalidatingMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.all }) });
}

/** POST /api/privacy/secret: the answer is the only time the secret key is shown. */
export const useRotatePrivacySecret = () => useInvalidatingMutation(() => apiFetch<CreatedSecretKey>('/api/privacy/secret', { method: 'POST' }));

/** POST /api/privacy/deletions */
export const useDeleteUsers = () =>
  useInvalidatingMutation((input: DeleteUsersInput) => apiFetch<{ id: string }>('/api/privacy/deletions', { method: 'POST', body: input }));

/** PUT /api/privacy/settings */
export const useSaveGraceDays = () =>
  useInvalidatingMutation((input: { graceDays: number }) => apiFetch<void>('/api/privacy/settings', { method: 'PUT', body: input }));

/** DELETE /api/privacy/refused/:userId ("Allow again") */
export const useAllowUserAgain = () =>
  useInvalidatingMutation((userId: string) => apiFetch<void>(`/api/privacy/refused/${encodeURIComponent(userId)}`, { method: 'DELETE' }));
