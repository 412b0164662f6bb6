/**
 * The syncs of another installation, through its management API with an API token
 * (`Authorization: Bearer …`). The server validates with the same schemas as here.
 */
import { resolveAllowedEndpoint } from '@/lib/braze';
import type { ApiErrorBody } from '@/lib/http/api-error-body';
import type { EndpointOption } from '@/lib/syncs/endpoint-options';
import type { SyncStore } from '@/lib/syncs/sync-store';
import type { SyncView } from '@/lib/syncs/sync-view';

export class RemoteApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = 'RemoteApiError';
  }
}

export function remoteSyncStore(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): SyncStore {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    throw new RemoteApiError(0, `--url "${baseUrl}" is not a URL (e.g. https://streaming.example.com)`);
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'error',
      });
    } catch (error) {
      throw new RemoteApiError(0, `Could not reach ${origin}: ${(error as Error).message}`);
    }
    if (response.status === 204) return undefined as T;
    const data: unknown = await response.json().catch(() => null);
    if (response.ok) return data as T;
    const error = (data as ApiErrorBody | null)?.error;
    throw new RemoteApiError(response.status, `${origin} answered ${response.status}: ${error?.message ?? response.statusText}`, error?.issues);
  }

  return {
    list: () => call<SyncView[]>('GET', '/api/syncs'),
    create: (input) => call<SyncView>('POST', '/api/syncs', input),
    update: (id, input) => call<SyncView>('PUT', `/api/syncs/${encodeURIComponent(id)}`, input),
    setEnabled: (id, enabled, dryRun = false) => call<SyncView>('PUT', `/api/syncs/${encodeURIComponent(id)}/status`, { enabled, dryRun }),
    remove: (id) => call<void>('DELETE', `/api/syncs/${encodeURIComponent(id)}`),
    checkEndpoint: async (endpoint) => {
      // The same rule the server applies, with the server's own custom endpoints.
      const options = await call<EndpointOption[]>('GET', '/api/braze/endpoints');
      const result = resolveAllowedEndpoint(endpoint, options.filter((o) => o.custom).map((o) => o.value));
      if (!result.ok) throw new RemoteApiError(400, result.reason, { brazeEndpoint: [`${result.reason} (on ${origin})`] });
    },
  };
}
