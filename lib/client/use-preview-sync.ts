import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import type { PreviewResult } from '@/lib/client/types';
import type { PreviewInput } from '@/lib/syncs/schema';

/** POST /api/syncs/preview */
export function usePreviewSync() {
  return useMutation({
    mutationFn: (input: PreviewInput) => apiFetch<PreviewResult>('/api/syncs/preview', { method: 'POST', body: input }),
  });
}
