import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import type { ImportAction, StartImportInput } from '@/lib/import/import-schema';
import type { ImportView } from '@/lib/import/import-view';

export interface ImportHistory {
  runs: ImportView[];
  sources: string[];
}

export const importKeys = { history: (syncId: string) => ['syncs', 'import', syncId] as const };

const path = (syncId: string) => `/api/syncs/${encodeURIComponent(syncId)}/import`;

/** GET /api/syncs/:id/import, polled every 2 s while an import runs. */
export function useImportHistory(syncId: string) {
  return useQuery({
    queryKey: importKeys.history(syncId),
    queryFn: () => apiFetch<ImportHistory>(path(syncId)),
    refetchInterval: (query) => (query.state.data?.runs.some((r) => r.status === 'RUNNING') ? 2_000 : 15_000),
  });
}

/** POST /api/syncs/:id/import. */
export function useStartImport(syncId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StartImportInput) => apiFetch<ImportView>(path(syncId), { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.history(syncId) }),
  });
}

/** PATCH /api/syncs/:id/import/:importId: pause, resume or cancel. */
export function useSteerImport(syncId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ importId, action }: { importId: string; action: ImportAction }) =>
      apiFetch<ImportView>(`${path(syncId)}/${encodeURIComponent(importId)}`, { method: 'PATCH', body: { action } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.history(syncId) }),
  });
}
