import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { SavedSyncView } from '@/lib/client/types';
import type { CreateSyncInput } from '@/lib/syncs/schema';

/** POST /api/syncs */
export function useCreateSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSyncInput) => apiFetch<SavedSyncView>('/api/syncs', { method: 'POST', body: input }),
    onSuccess: (sync) => {
      queryClient.setQueryData(queryKeys.syncs.detail(sync.id), sync);
      return queryClient.invalidateQueries({ queryKey: queryKeys.syncs.list() });
    },
  });
}
