import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { LIVE_REFRESH_MS } from '@/lib/client/dashboard-keys';
import type { DryRunEstimate } from '@/lib/dry-run/estimate';

export type { DryRunEstimate };

/** GET /api/syncs/:id/dry-run, refreshed while shown (a dry run measures live traffic). */
export function useDryRunEstimate(id: string, enabled = true) {
  return useQuery({
    queryKey: ['syncs', 'dry-run', id] as const,
    queryFn: () => apiFetch<DryRunEstimate>(`/api/syncs/${encodeURIComponent(id)}/dry-run`),
    refetchInterval: LIVE_REFRESH_MS,
    enabled,
  });
}
