import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { ApiTokenView } from '@/lib/tokens/repository';
import type { CreateApiTokenInput } from '@/lib/tokens/schema';

/** POST /api/tokens: the answer holds the token itself, the only time it is ever shown. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => apiFetch<{ token: string; apiToken: ApiTokenView }>('/api/tokens', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens() }),
  });
}
