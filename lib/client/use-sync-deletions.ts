import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { privacyKeys } from '@/lib/client/privacy-keys';

export interface SyncDeletions {
  forwarded: number;
  deletedInBraze: number;
  failed: number;
  inProgress: number;
}

/** GET /api/syncs/:id/deletions */
export function useSyncDeletions(syncId: string) {
  return useQuery({ queryKey: privacyKeys.syncDeletions(syncId), queryFn: () => apiFetch<SyncDeletions>(`/api/syncs/${syncId}/deletions`), refetchInterval: 15_000 });
}
