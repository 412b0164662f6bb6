import { resolveAllowedEndpoint } from '@/lib/braze/endpoints';

/** What a Braze call hands its transport: always a string body (or none) and no redirect followed. */
export type BrazeRequestInit = { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; redirect: 'manual'; signal: AbortSignal };

/** What a Braze call reads of the answer. */
export type BrazeResponse = Pick<Response, 'status' | 'headers' | 'text'>;

/**
 * A Braze call's transport: Node's `fetch`, or the worker's leaner one with the same contract
 * (lib/braze/transport).
 */
export type FetchLike = (input: string, init: BrazeRequestInit) => Promise<BrazeResponse>;

export type PostOptions = {
  /** Braze REST endpoint (or a configured custom one); checked against the allow-list. */
  baseUrl: string;
  apiKey: string;
  fetch: FetchLike;
  timeoutMs: number;
  /** Extra allowed base URLs (see `parseCustomEndpoints`); Braze's own hosts are always allowed. */
  allowedEndpoints?: readonly string[];
  /** Aborts the call early, e.g. on worker shutdown. */
  signal?: AbortSignal;
};

/** What came back, before any Braze-specific reading. */
export type Exchange =
  | { kind: 'refused'; reason: string }
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'failed'; failure: 'timeout' | 'network' | 'unreachable' | 'aborted'; detail: string };

function errorCodeOf(error: unknown): string | undefined {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  return cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  return [error.message, errorCodeOf(error) ?? cause?.message].filter(Boolean).join(': ');
}

/**
 * Errors that happen before a connection exists: the request never left, so Braze cannot have
 * processed it. Any other failure (a reset or closed connection) may come after Braze read it.
 */
const BEFORE_CONNECTING = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function classifyThrown(error: unknown, signal: AbortSignal): Exchange {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') return { kind: 'failed', failure: 'timeout', detail: 'no answer in time' };
  if (name === 'AbortError' || signal.aborted) {
    const timedOut = signal.reason instanceof Error && signal.reason.name === 'TimeoutError';
    return timedOut
      ? { kind: 'failed', failure: 'timeout', detail: 'no answer in time' }
      : { kind: 'failed', failure: 'aborted', detail: 'the call was cancelled' };
  }
  const code = errorCodeOf(error);
  return { kind: 'failed', failure: code && BEFORE_CONNECTING.has(code) ? 'unreachable' : 'network', detail: describeNetworkError(error) };
}

/**
 * POST JSON to `${baseUrl}${path}` with the Braze headers (braze-api.md §1, §5). The base URL
 * must pass the allow-list first, and redirects are not followed, so the key can only ever go
 * to an allowed host. The timeout covers the whole exchange, body included.
 */
export function postBrazeJson(options: PostOptions, path: string, body: unknown): Promise<Exchange> {
  return postBrazeText(options, path, JSON.stringify(body));
}

/** As `postBrazeJson`, with the body already serialised. */
export function postBrazeText(options: PostOptions, path: string, json: string): Promise<Exchange> {
  return callBraze(options, path, 'POST', json);
}

/** GET `${baseUrl}${path}` (a path with its query) under the same rules as `postBrazeJson`. */
export function getBrazeJson(options: PostOptions, path: string): Promise<Exchange> {
  return callBraze(options, path, 'GET', undefined);
}

async function callBraze(options: PostOptions, path: string, method: 'GET' | 'POST', body: string | undefined): Promise<Exchange> {
  if (!(options.timeoutMs > 0) || !Number.isFinite(options.timeoutMs)) {
    throw new RangeError(`timeoutMs must be a positive number, got ${String(options.timeoutMs)}`);
  }
  const endpoint = resolveAllowedEndpoint(options.baseUrl, options.allowedEndpoints ?? []);
  if (!endpoint.ok) return { kind: 'refused', reason: endpoint.reason };
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await options.fetch(`${endpoint.baseUrl}${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${options.apiKey}`,
      },
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
      signal,
    });
    const text = await response.text();
    return { kind: 'response', status: response.status, headers: response.headers, text };
  } catch (error) {
    return classifyThrown(error, signal);
  }
}
