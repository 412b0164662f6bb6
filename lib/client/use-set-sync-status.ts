import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { SyncView } from '@/lib/client/types';

/** PUT /api/syncs/:id/status */
export function useSetSyncStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      apiFetch<SyncView>(`/api/syncs/${encodeURIComponent(id)}/status`, { method: 'PUT', body: { enabled } }),
    onSuccess: (sync) => {
      queryClient.setQueryData(queryKeys.syncs.detail(sync.id), sync);
      return queryClient.invalidateQueries({ queryKey: queryKeys.syncs.list() });
    },
  });
}
