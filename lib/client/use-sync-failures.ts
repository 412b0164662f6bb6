import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { dashboardKeys, LIVE_REFRESH_MS, queryString } from '@/lib/client/dashboard-keys';
import type { FailureReport } from '@/lib/client/dashboard-types';
import type { TimeRange } from '@/lib/metrics/time-range';

/** GET /api/syncs/:id/failures?range=…: causes, examples and replay progress (faster while a replay runs). */
export function useSyncFailures(id: string, range: TimeRange) {
  return useQuery({
    queryKey: dashboardKeys.failures(id, range),
    queryFn: () => apiFetch<FailureReport>(`/api/syncs/${encodeURIComponent(id)}/failures${queryString({ range })}`),
    refetchInterval: (query) => ((query.state.data?.replay.queued ?? 0) > 0 ? 1_500 : LIVE_REFRESH_MS),
    placeholderData: keepPreviousData,
  });
}
