import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { EndpointOption } from '@/lib/client/types';

/** GET /api/braze/endpoints */
export function useBrazeEndpoints() {
  return useQuery({
    queryKey: queryKeys.brazeEndpoints(),
    queryFn: () => apiFetch<EndpointOption[]>('/api/braze/endpoints'),
    staleTime: Infinity,
  });
}
