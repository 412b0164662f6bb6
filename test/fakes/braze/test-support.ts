import type { FakeBraze } from '@/test/fakes/braze/types';

// Helpers for this folder's tests: a real server on a random port, spoken to with real fetch.

export const TEST_KEY = 'fake-rest-api-key';

export interface CallOptions {
  /** null sends no Authorization header. */
  key?: string | null;
  authorization?: string;
  contentType?: string | null;
  /** Sent as is instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
  method?: string;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

export async function callFake(fake: FakeBraze, path: string, body?: unknown, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? TEST_KEY : options.key;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  else if (key !== null) headers.authorization = `Bearer ${key}`;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const response = await fetch(`${fake.url}${path}`, {
    method: options.method ?? 'POST',
    headers,
    body: options.method === 'GET' ? undefined : (options.raw ?? JSON.stringify(body ?? {})),
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Keep non-JSON bodies (HTML fault pages) as text.
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

export function track(fake: FakeBraze, body: unknown, options?: CallOptions): Promise<CallResult> {
  return callFake(fake, '/users/track', body, options);
}

export async function getAdmin(fake: FakeBraze, name: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${fake.url}/_fake/${name}`);
  return { status: response.status, body: await response.json() };
}

export async function postAdmin(fake: FakeBraze, name: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${fake.url}/_fake/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export const NOW_ISO = '2024-05-01T12:00:00Z';

export function event(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { external_id: 'user-1', name, time: NOW_ISO, ...extra };
}

export function purchase(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { external_id: 'user-1', product_id: 'sku-1', currency: 'USD', price: 9.99, time: NOW_ISO, ...extra };
}
