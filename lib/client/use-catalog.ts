import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { CatalogResponse } from '@/lib/client/types';

/** GET /api/catalog */
export function useCatalog() {
  return useQuery({ queryKey: queryKeys.catalog(), queryFn: () => apiFetch<CatalogResponse>('/api/catalog') });
}
