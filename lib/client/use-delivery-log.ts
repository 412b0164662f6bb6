import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { dashboardKeys, LIVE_REFRESH_MS, queryString } from '@/lib/client/dashboard-keys';
import type { DeliveryLogAnswer } from '@/lib/client/dashboard-types';
import type { DeliveryLogQuery } from '@/lib/dashboard/query-schemas';

/** GET /api/syncs/:id/delivery-log?userId&eventType&from&to */
export function useDeliveryLog(id: string, q: DeliveryLogQuery) {
  return useQuery({
    queryKey: dashboardKeys.deliveryLog(id, q),
    queryFn: () => apiFetch<DeliveryLogAnswer>(`/api/syncs/${encodeURIComponent(id)}/delivery-log${queryString({ ...q })}`),
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
