import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { AlertSettingsInput, AlertSettingsView } from '@/lib/alerts/settings-schema';

/** PUT /api/alerts/settings */
export function useSaveAlertSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AlertSettingsInput) => apiFetch<AlertSettingsView>('/api/alerts/settings', { method: 'PUT', body: input }),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.alerts.settings(), settings),
  });
}
