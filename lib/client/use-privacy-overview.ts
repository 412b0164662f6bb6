import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { privacyKeys } from '@/lib/client/privacy-keys';
import type { PrivacyOverview } from '@/lib/privacy/overview';

/** GET /api/privacy: polled (often while a request runs), so deletions made by API and their steps show by themselves. */
export function usePrivacyOverview() {
  return useQuery({
    queryKey: privacyKeys.overview(),
    queryFn: () => apiFetch<PrivacyOverview>('/api/privacy'),
    refetchInterval: (query) => (query.state.data?.requests.some((r) => r.status !== 'done') ? 2_000 : 15_000),
  });
}
