import { RATE_LIMITED } from '@/test/fakes/braze/http/answers';
import { formatRateLimitHeaders } from '@/test/fakes/braze/http/rate-limiter';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';
import type { Fault } from '@/test/fakes/braze/types';

// Forced failures for /users/track* so senders can exercise their retry and classification
// logic (braze-api.md §3.3, §3.4, §10.8).

interface QueuedEntry {
  fault: Fault;
  remaining: number;
}

export type FaultQueue = QueuedEntry[];

export function enqueueFaults(queue: FaultQueue, faults: Fault[]): void {
  for (const fault of faults) queue.push({ fault, remaining: Math.max(1, fault.count ?? 1) });
}

/** Takes the fault for the next request; a fault with `count` serves that many requests. */
export function takeFault(queue: FaultQueue): Fault | undefined {
  const entry = queue[0];
  if (!entry) return undefined;
  entry.remaining -= 1;
  if (entry.remaining === 0) queue.shift();
  return entry.fault;
}

export type FaultOutcome =
  | { kind: 'reply'; reply: Reply; headers?: Record<string, string> }
  | { kind: 'hold'; timeoutMs: number }
  | { kind: 'delay'; delayMs: number };

const STATUS_TEXT = {
  400: 'Bad Request',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
} as const;

export function resolveFault(fault: Fault, now: number, rateLimit: number): FaultOutcome {
  if ('timeoutMs' in fault) return { kind: 'hold', timeoutMs: fault.timeoutMs };
  if ('slowMs' in fault) return { kind: 'delay', delayMs: fault.slowMs };
  // During maintenance Braze may queue calls without processing them (braze-api.md §3.3).
  if ('queued' in fault) return { kind: 'reply', reply: jsonReply(202, { message: 'queued' }) };
  if (fault.status === 429) {
    const resetAt = now + (fault.resetInSeconds ?? 1) * 1000;
    return {
      kind: 'reply',
      reply: RATE_LIMITED,
      headers: formatRateLimitHeaders(rateLimit, 0, resetAt),
    };
  }
  const text = STATUS_TEXT[fault.status];
  if ('html' in fault && fault.html) {
    const page = `<html><head><title>${fault.status} ${text}</title></head><body><h1>${fault.status} ${text}</h1></body></html>`;
    return { kind: 'reply', reply: { status: fault.status, body: page, format: 'html' } };
  }
  return { kind: 'reply', reply: jsonReply(fault.status, { message: text }) };
}
