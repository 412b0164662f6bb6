import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { SyncView } from '@/lib/client/types';

/** GET /api/syncs */
export function useSyncs() {
  return useQuery({ queryKey: queryKeys.syncs.list(), queryFn: () => apiFetch<SyncView[]>('/api/syncs') });
}
