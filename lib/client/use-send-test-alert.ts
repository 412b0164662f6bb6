import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import type { ChannelResult } from '@/lib/alerts/dispatch';
import type { AlertSettingsInput } from '@/lib/alerts/settings-schema';

/** POST /api/alerts/test */
export function useSendTestAlert() {
  return useMutation({
    mutationFn: (input: AlertSettingsInput) => apiFetch<{ results: ChannelResult[] }>('/api/alerts/test', { method: 'POST', body: input }),
  });
}
