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

/**
 * The C library's allocator settings a worker starts with (glibc reads them once, at process
 * start; other C libraries ignore them), unless the environment sets them itself. By default
 * glibc gives threads arenas of their own (up to 8 per core: V8's helper threads each get one)
 * and raises its mmap threshold after the first large free, so the 100-event job replies from
 * Redis and the Braze request bodies (64 KB and more) are carved from heaps that keep the memory
 * once freed. At most two arenas, large blocks in mappings of their own (returned on free) and
 * free heap tops above 128 KB returned: 25–30 MiB less RSS under the delivery benchmark, at the
 * same CPU (docs/benchmarks.md, "Delivery runs: … 17:53 and 18:28 UTC").
 */
export const WORKER_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '65536',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** A worker process's environment: `base` with WORKER_MALLOC_ENV's settings where `base` has none. */
export function workerProcessEnv(base: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...WORKER_MALLOC_ENV, ...base };
}
