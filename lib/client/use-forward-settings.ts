import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { ForwardSettingsInput, ForwardSettingsView } from '@/lib/forward/settings-schema';

/** GET /api/project/forward */
export function useForwardSettings() {
  return useQuery({ queryKey: queryKeys.forward.settings(), queryFn: () => apiFetch<ForwardSettingsView>('/api/project/forward') });
}

/** PUT /api/project/forward */
export function useSaveForwardSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ForwardSettingsInput) => apiFetch<ForwardSettingsView>('/api/project/forward', { method: 'PUT', body: input }),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.forward.settings(), settings);
      void queryClient.invalidateQueries({ queryKey: queryKeys.forward.overview() });
    },
  });
}
