/**
 * The worker's V8 heap limits, as node flags: `npm start` and the delivery benchmark start the
 * worker with them (the deploy files spell the same defaults). V8 sizes both generations for
 * the machine's memory, not for what the worker keeps: with 23 GB it let the young generation
 * grow to 128 MB and the old one to 150 MB while the worker's live objects stayed far below, and
 * the process peaked above 500 MB. Smaller limits make V8 collect sooner, for little CPU.
 */
import type { Env } from '@/lib/env';

export function workerHeapFlags(config: Pick<Env, 'WORKER_MAX_OLD_SPACE_MB' | 'WORKER_MAX_SEMI_SPACE_MB'>): string[] {
  return [
    ...(config.WORKER_MAX_OLD_SPACE_MB > 0 ? [`--max-old-space-size=${config.WORKER_MAX_OLD_SPACE_MB}`] : []),
    ...(config.WORKER_MAX_SEMI_SPACE_MB > 0 ? [`--max-semi-space-size=${config.WORKER_MAX_SEMI_SPACE_MB}`] : []),
  ];
}
