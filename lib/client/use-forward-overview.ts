import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { LIVE_REFRESH_MS } from '@/lib/client/dashboard-keys';
import { queryKeys } from '@/lib/client/query-keys';
import type { ForwardOverview } from '@/lib/forward/overview';

/** GET /api/project/forward/overview, refreshed while the Delivery page is open. */
export function useForwardOverview() {
  return useQuery({
    queryKey: queryKeys.forward.overview(),
    queryFn: () => apiFetch<ForwardOverview>('/api/project/forward/overview'),
    refetchInterval: LIVE_REFRESH_MS,
  });
}
