import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { ProjectSettings } from '@/lib/client/types';

/** GET /api/project */
export function useProject() {
  return useQuery({ queryKey: queryKeys.project(), queryFn: () => apiFetch<ProjectSettings>('/api/project') });
}
