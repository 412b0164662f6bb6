/**
 * Amplitude's Export API as a request (https://amplitude.com/docs/apis/analytics/export):
 * `GET <base>/api/2/export?start=YYYYMMDDTHH&end=YYYYMMDDTHH` with Basic auth `api_key:secret_key`.
 * Base URLs by data residency: https://amplitude.com (US, the default) and
 * https://analytics.eu.amplitude.com (EU). Any other base must be listed in
 * AMPLITUDE_CUSTOM_ENDPOINTS (test stand-ins): nothing else is ever called.
 */
export const EXPORT_BASES = {
  US: 'https://amplitude.com',
  EU: 'https://analytics.eu.amplitude.com',
} as const;

/** The source's name as stored: "US", "EU", or an allowed custom base URL. */
export type ExportSource = string;

export class ExportSourceNotAllowedError extends Error {
  constructor(source: string) {
    super(`${source} is not an Amplitude Export API host this installation allows (see AMPLITUDE_CUSTOM_ENDPOINTS)`);
    this.name = 'ExportSourceNotAllowedError';
  }
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The base URL for a source, or an error when it is neither a region nor an allowed custom base. */
export function resolveExportBase(source: ExportSource, customEndpoints: readonly string[]): string {
  if (source === 'US' || source === 'EU') return EXPORT_BASES[source];
  const origin = originOf(source);
  if (origin && customEndpoints.some((allowed) => originOf(allowed) === origin)) return origin;
  throw new ExportSourceNotAllowedError(source);
}

/** The sources a form may offer: both regions, then the allowed custom bases. */
export function exportSources(customEndpoints: readonly string[]): ExportSource[] {
  return ['US', 'EU', ...customEndpoints.flatMap((e) => originOf(e) ?? [])];
}

/** "YYYYMMDDTHH" in UTC. */
export function formatExportHour(hour: Date): string {
  const iso = hour.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}`;
}

export function exportRequestOf(base: string, start: Date, end: Date, apiKey: string, secretKey: string): { url: string; headers: Record<string, string> } {
  const url = `${base}/api/2/export?start=${formatExportHour(start)}&end=${formatExportHour(end)}`;
  return { url, headers: { authorization: `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}` } };
}
