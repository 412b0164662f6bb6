/** The browser's one way to call the management API: JSON in, JSON out, typed errors. */
import type { ApiErrorBody } from '@/lib/http/api-error-body';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Messages per form field path, from the server's zod validation. */
    readonly issues: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function goToLogin(): void {
  const next = `${window.location.pathname}${window.location.search}`;
  // A full page load on purpose, so every cached answer of the ended session is dropped.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.href = `/login?next=${encodeURIComponent(next)}`;
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const hasBody = init.body !== undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: hasBody ? { 'Content-Type': 'application/json' } : undefined,
      body: hasBody ? JSON.stringify(init.body) : undefined,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  if (response.status === 401) {
    goToLogin();
    throw new ApiError(401, 'unauthenticated', 'Your session ended. Sign in again.');
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as ApiErrorBody | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${response.status}.`, error?.issues);
  }
  return data as T;
}
