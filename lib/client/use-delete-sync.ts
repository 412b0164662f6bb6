import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';

/** DELETE /api/syncs/:id */
export function useDeleteSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/syncs/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.syncs.detail(id) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.syncs.list() });
    },
  });
}
