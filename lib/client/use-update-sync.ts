import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { SavedSyncView } from '@/lib/client/types';
import type { UpdateSyncInput } from '@/lib/syncs/schema';

/** PUT /api/syncs/:id */
export function useUpdateSync(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSyncInput) => apiFetch<SavedSyncView>(`/api/syncs/${encodeURIComponent(id)}`, { method: 'PUT', body: input }),
    onSuccess: (sync) => {
      queryClient.setQueryData(queryKeys.syncs.detail(sync.id), sync);
      return queryClient.invalidateQueries({ queryKey: queryKeys.syncs.list() });
    },
  });
}
