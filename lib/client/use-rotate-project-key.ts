import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { ProjectSettings } from '@/lib/client/types';

/** POST /api/project/rotate-key */
export function useRotateProjectKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<ProjectSettings>('/api/project/rotate-key', { method: 'POST' }),
    onSuccess: (project) => queryClient.setQueryData(queryKeys.project(), project),
  });
}
