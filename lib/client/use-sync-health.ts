import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { SyncHealthView } from '@/lib/health-states/health-view';

/** GET /api/alerts/health, polled: the worker judges every sync's health every few seconds. */
export function useSyncHealth() {
  return useQuery({
    queryKey: queryKeys.alerts.health(),
    queryFn: () => apiFetch<SyncHealthView[]>('/api/alerts/health'),
    refetchInterval: 10_000,
    select: (rows) => new Map(rows.map((r) => [r.syncId, r])),
  });
}
