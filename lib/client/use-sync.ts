import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { SyncView } from '@/lib/client/types';

/** GET /api/syncs/:id (not fetched while `id` is null, e.g. for a sync not created yet). */
export function useSync(id: string | null) {
  return useQuery({
    queryKey: queryKeys.syncs.detail(id ?? 'new'),
    queryFn: () => apiFetch<SyncView>(`/api/syncs/${encodeURIComponent(id!)}`),
    enabled: id !== null,
  });
}
