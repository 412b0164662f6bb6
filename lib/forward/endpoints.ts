/**
 * Where forwarded requests go: Amplitude's US or EU hosts, or a base URL the operator listed in
 * AMPLITUDE_CUSTOM_ENDPOINTS (a stand-in for tests, an egress proxy). Nothing else is ever
 * called, so the API key never reaches a host the operator did not allow.
 * Hosts: https://amplitude.com/docs/apis/analytics/http-v2 (US `api2.amplitude.com`, EU
 * `api.eu.amplitude.com`); Identify and Group Identify use the same hosts.
 */
export const AMPLITUDE_REGIONS = {
  US: 'https://api2.amplitude.com',
  EU: 'https://api.eu.amplitude.com',
} as const;

export type AmplitudeRegion = keyof typeof AMPLITUDE_REGIONS;

export interface RegionOption {
  value: string;
  label: string;
}

const normalise = (url: string) => url.trim().replace(/\/+$/, '');

/** The regions a project may forward to: US, EU, then the operator's custom endpoints. */
export function listRegionOptions(customEndpoints: readonly string[]): RegionOption[] {
  return [
    { value: 'US', label: 'US (api2.amplitude.com)' },
    { value: 'EU', label: 'EU (api.eu.amplitude.com)' },
    ...customEndpoints.map((url) => ({ value: normalise(url), label: `Custom: ${normalise(url)}` })),
  ];
}

/** The base URL to call for a stored region, or the reason it may not be called here. */
export function resolveRegion(region: string, customEndpoints: readonly string[]): { ok: true; baseUrl: string } | { ok: false; reason: string } {
  if (region in AMPLITUDE_REGIONS) return { ok: true, baseUrl: AMPLITUDE_REGIONS[region as AmplitudeRegion] };
  const wanted = normalise(region);
  if (customEndpoints.some((url) => normalise(url) === wanted)) return { ok: true, baseUrl: wanted };
  return { ok: false, reason: `This server does not allow the Amplitude endpoint ${wanted}: add it to AMPLITUDE_CUSTOM_ENDPOINTS and restart, or choose US or EU` };
}
