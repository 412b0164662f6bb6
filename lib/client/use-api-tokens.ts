import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { ApiTokenView } from '@/lib/tokens/repository';

/** GET /api/tokens */
export function useApiTokens() {
  return useQuery({ queryKey: queryKeys.apiTokens(), queryFn: () => apiFetch<ApiTokenView[]>('/api/tokens') });
}
