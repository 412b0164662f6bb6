import { listBrazeInstances, resolveAllowedEndpoint } from '@/lib/braze';

/** One choice of the "Braze REST API Endpoint" select; `value` is what a Sync stores. */
export interface EndpointOption {
  value: string;
  cluster: string;
  host: string;
  /** Where people log in to Braze, to help them recognise their cluster. */
  dashboardHost: string | null;
  custom: boolean;
}

/** Braze's instances in dashboard order, then the operator's `BRAZE_CUSTOM_ENDPOINTS`. */
export function listEndpointOptions(customEndpoints: readonly string[]): EndpointOption[] {
  const instances = listBrazeInstances().map((instance) => ({
    value: instance.restUrl,
    cluster: instance.cluster,
    host: new URL(instance.restUrl).host,
    dashboardHost: instance.dashboardHost,
    custom: false,
  }));
  const custom = customEndpoints.flatMap((entry) => {
    const resolved = resolveAllowedEndpoint(entry, customEndpoints);
    if (!resolved.ok || instances.some((i) => i.value === resolved.baseUrl)) return [];
    return [{ value: resolved.baseUrl, cluster: 'Custom', host: resolved.baseUrl, dashboardHost: null, custom: true }];
  });
  return [...instances, ...custom];
}
