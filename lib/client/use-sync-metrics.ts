import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { dashboardKeys, LIVE_REFRESH_MS, queryString } from '@/lib/client/dashboard-keys';
import type { SyncMetrics } from '@/lib/client/dashboard-types';
import type { TimeRange } from '@/lib/metrics/time-range';

/** GET /api/syncs/:id/metrics?range=…, refreshed while open; a new range keeps the old charts until it arrives. */
export function useSyncMetrics(id: string, range: TimeRange) {
  return useQuery({
    queryKey: dashboardKeys.metrics(id, range),
    queryFn: () => apiFetch<SyncMetrics>(`/api/syncs/${encodeURIComponent(id)}/metrics${queryString({ range })}`),
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
