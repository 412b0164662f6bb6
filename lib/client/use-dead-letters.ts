import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { dashboardKeys, LIVE_REFRESH_MS, queryString } from '@/lib/client/dashboard-keys';
import type { DeadLetterView } from '@/lib/client/dashboard-types';
import type { DeadLetterQuery } from '@/lib/dashboard/query-schemas';

/** GET /api/syncs/:id/dead-letters?userId&eventType&from&to&cursor */
export function useDeadLetters(id: string, q: DeadLetterQuery) {
  return useQuery({
    queryKey: dashboardKeys.deadLetters(id, q),
    queryFn: () =>
      apiFetch<{ rows: DeadLetterView[]; nextCursor: string | null }>(`/api/syncs/${encodeURIComponent(id)}/dead-letters${queryString({ ...q })}`),
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
