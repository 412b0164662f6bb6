import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { dashboardKeys } from '@/lib/client/dashboard-keys';
import type { ReplayRequest } from '@/lib/dashboard/query-schemas';
import type { ReplayQueued } from '@/lib/dead-letters/replay';

/** POST /api/syncs/:id/replay: a cause or a selection of dead letters. */
export function useReplayDeadLetters(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReplayRequest) => apiFetch<ReplayQueued>(`/api/syncs/${encodeURIComponent(id)}/replay`, { method: 'POST', body: request }),
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: dashboardKeys.sync(id) }),
      queryClient.invalidateQueries({ queryKey: dashboardKeys.overview() }),
    ]),
  });
}
