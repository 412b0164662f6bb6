import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import type { ConnectionResult } from '@/lib/client/types';
import type { TestConnectionInput } from '@/lib/syncs/schema';

/** POST /api/syncs/test-connection */
export function useTestConnection() {
  return useMutation({
    mutationFn: (input: TestConnectionInput) => apiFetch<ConnectionResult>('/api/syncs/test-connection', { method: 'POST', body: input }),
  });
}
