import type { ServerResponse } from 'node:http';

// setTimeout fires at once for delays past 2^31-1 ms, so longer holds are treated as forever.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends nothing, then destroys the socket after `timeoutMs` (never when it is Infinity), so a
 * client sees a hung Braze and must rely on its own timeout (braze-api.md §3.4, §10.8).
 */
export function holdResponse(res: ServerResponse, timeoutMs: number): void {
  if (!(timeoutMs <= MAX_TIMER_MS)) return;
  const timer = setTimeout(() => res.destroy(), timeoutMs);
  // A held response must not keep the process alive, and ends early if the client gives up.
  timer.unref();
  res.on('close', () => clearTimeout(timer));
}
