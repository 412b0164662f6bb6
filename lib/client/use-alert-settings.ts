import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { queryKeys } from '@/lib/client/query-keys';
import type { AlertSettingsView } from '@/lib/alerts/settings-schema';

/** GET /api/alerts/settings */
export function useAlertSettings() {
  return useQuery({ queryKey: queryKeys.alerts.settings(), queryFn: () => apiFetch<AlertSettingsView>('/api/alerts/settings') });
}
