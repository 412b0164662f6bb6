import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { dashboardKeys, LIVE_REFRESH_MS } from '@/lib/client/dashboard-keys';
import type { Overview } from '@/lib/client/dashboard-types';

/** GET /api/dashboard, refreshed while the page is open. */
export function useDashboardOverview() {
  return useQuery({
    queryKey: dashboardKeys.overview(),
    queryFn: () => apiFetch<Overview>('/api/dashboard'),
    refetchInterval: LIVE_REFRESH_MS,
  });
}
