/** TanStack Query keys of the delivery dashboard; `sync(id)` covers every query of one sync. */
import type { DeadLetterQuery, DeliveryLogQuery } from '@/lib/dashboard/query-schemas';
import type { TimeRange } from '@/lib/metrics/time-range';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  overview: () => [...dashboardKeys.all, 'overview'] as const,
  sync: (id: string) => [...dashboardKeys.all, 'sync', id] as const,
  metrics: (id: string, range: TimeRange) => [...dashboardKeys.sync(id), 'metrics', range] as const,
  failures: (id: string, range: TimeRange) => [...dashboardKeys.sync(id), 'failures', range] as const,
  deadLetters: (id: string, q: DeadLetterQuery) => [...dashboardKeys.sync(id), 'dead-letters', q] as const,
  deliveryLog: (id: string, q: DeliveryLogQuery) => [...dashboardKeys.sync(id), 'delivery-log', q] as const,
};

/** How often the dashboard refreshes itself while it is open. */
export const LIVE_REFRESH_MS = 5_000;

/** `?a=1&b=2` of the values that are set, or ''. */
export function queryString(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
  const text = params.toString();
  return text ? `?${text}` : '';
}
