/**
 * The product's processes as the supervisor (scripts/supervisor.ts) starts them, shared by
 * `npm start` (scripts/start.ts: app and worker) and `npm run worker` (scripts/worker.ts: one
 * more worker). Kept apart from start.ts so a worker's supervisor loads no more than this.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Env } from '@/lib/env';
import { workerHeapFlags, workerProcessEnv } from '@/lib/process/worker-heap';
import { compiledPath } from './build/state';
import type { SupervisedPart } from './supervisor';

/**
 * One node process per part, so signals reach the part itself: the compiled JavaScript of
 * `npm run build` in production, the TypeScript sources through tsx in development (`dev`).
 */
export function runPart(name: string, args: string[], opts: { dev: boolean; nodeFlags?: string[]; env?: Record<string, string | undefined> }): ChildProcess {
  const [script = '', ...rest] = args;
  const entry = opts.dev ? ['--import', 'tsx', script, ...rest] : ['--enable-source-maps', compiledPath(script), ...rest];
  return spawn(process.execPath, [...(opts.nodeFlags ?? []), ...entry], {
    stdio: 'inherit',
    env: { ...(opts.env ?? process.env), NODE_ENV: opts.dev ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' },
  }).on('error', (err) => console.error(`${name} failed to start: ${err.message}`));
}

/** A delivery worker, with the configuration's V8 heap limits and the worker's allocator settings. */
export function workerPart(config: Env, dev: boolean): SupervisedPart {
  return { name: 'worker', start: () => runPart('worker', ['worker/main.ts'], { dev, nodeFlags: workerHeapFlags(config), env: workerProcessEnv(process.env) }) };
}

/** How long the supervisor waits after SIGTERM: the worker finishes the jobs in progress within its own limit; the app needs seconds. */
export function stopGraceMs(config: Pick<Env, 'WORKER_SHUTDOWN_TIMEOUT_MS'>): number {
  return config.WORKER_SHUTDOWN_TIMEOUT_MS + 5_000;
}
