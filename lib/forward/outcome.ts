/**
 * Amplitude's answer to one forwarded request, classified once, as the SDKs read it
 * (Amplitude-TypeScript `destination.ts`; HTTP V2 doc "Response format"):
 * - 200: accepted;
 * - 400 naming events (`events_with_invalid_fields`, `…_missing_fields`, `…_invalid_id_lengths`,
 *   `silenced_events`): those are refused for good, the rest may be sent again at once;
 *   a 400 naming none (bad key, bad body) refuses the whole request;
 * - 413: too large, split it;
 * - 429: the named events' users and devices are over their budget — pause those, resend the
 *   others at once; without names, every event waits;
 * - 408, 5xx, no answer (timeout, network): retry later with backoff;
 * - any other status: refused for good.
 */
export type ForwardOutcome =
  | { kind: 'accepted' }
  | { kind: 'invalid-events'; indexes: number[]; status: number; answer: string }
  | { kind: 'refused'; status: number; answer: string }
  | { kind: 'too-large'; status: number; answer: string }
  | { kind: 'throttled'; indexes: number[] | null; users: string[]; devices: string[]; answer: string }
  | { kind: 'retry'; status: number; answer: string };

const EVENT_INDEX_FIELDS = ['events_with_invalid_fields', 'events_with_missing_fields', 'events_with_invalid_id_lengths'] as const;

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n)) : []);
const keysOf = (...maps: unknown[]): string[] => maps.flatMap((m) => (typeof m === 'object' && m !== null ? Object.keys(m) : []));

function invalidIndexes(body: Record<string, unknown>): number[] {
  const named = EVENT_INDEX_FIELDS.flatMap((field) => Object.values((body[field] ?? {}) as Record<string, unknown>).flatMap(numbers));
  return [...new Set([...named, ...numbers(body.silenced_events)])].sort((a, b) => a - b);
}

/** `status` 0 means no answer came (timeout, refused or cut connection); `answer` then says why. */
export function classifyAnswer(status: number, answer: string): ForwardOutcome {
  if (status >= 200 && status < 300) return { kind: 'accepted' };
  const body = parseObject(answer);
  if (status === 400) {
    const indexes = body ? invalidIndexes(body) : [];
    return indexes.length > 0 ? { kind: 'invalid-events', indexes, status, answer } : { kind: 'refused', status, answer };
  }
  if (status === 413) return { kind: 'too-large', status, answer };
  if (status === 429) {
    const indexes = body && Array.isArray(body.throttled_events) ? numbers(body.throttled_events) : null;
    return {
      kind: 'throttled',
      indexes: indexes && indexes.length > 0 ? indexes : null,
      users: keysOf(body?.throttled_users, body?.exceeded_daily_quota_users),
      devices: keysOf(body?.throttled_devices, body?.exceeded_daily_quota_devices),
      answer,
    };
  }
  if (status === 0 || status === 408 || status >= 500) return { kind: 'retry', status, answer };
  return { kind: 'refused', status, answer };
}
