import { describe, expect, it } from 'vitest';
import { workerHeapFlags, workerProcessEnv } from '@/lib/process/worker-heap';

describe('workerHeapFlags', () => {
  it.each([
    [{ WORKER_MAX_OLD_SPACE_MB: 512, WORKER_MAX_SEMI_SPACE_MB: 16 }, ['--max-old-space-size=512', '--max-semi-space-size=16']],
    [{ WORKER_MAX_OLD_SPACE_MB: 0, WORKER_MAX_SEMI_SPACE_MB: 8 }, ['--max-semi-space-size=8']],
    [{ WORKER_MAX_OLD_SPACE_MB: 256, WORKER_MAX_SEMI_SPACE_MB: 0 }, ['--max-old-space-size=256']],
    [{ WORKER_MAX_OLD_SPACE_MB: 0, WORKER_MAX_SEMI_SPACE_MB: 0 }, []],
  ])('%o → %o (0 leaves V8 its own limit)', (config, flags) => {
    expect(workerHeapFlags(config)).toEqual(flags);
  });
});

describe('workerProcessEnv', () => {
  it("adds the allocator settings to the environment, and keeps the environment's own", () => {
    const env = workerProcessEnv({ PATH: '/bin', MALLOC_ARENA_MAX: '4' });
    expect(env).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_TRIM_THRESHOLD_: '131072' });
  });
});
