/**
 * The app process as production runs it (`node --import tsx server.ts`, NODE_ENV=production,
 * see scripts/start.ts), on a free port of 127.0.0.1, against the run's database and key prefix.
 * With `cpuProfileDir` it runs under `--cpu-prof`; the profile is written when it exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunContext } from '@/bench/harness/context';
import { pickFreePort } from '@/bench/harness/ports';
import { startNodeProcess, waitUntil, type BenchProcess } from '@/bench/harness/processes';

export interface RunningApp {
  url: string;
  process: BenchProcess;
  /** Stops the app (SIGTERM, as a supervisor would); resolves with the CPU profile's path when profiling. */
  stop(): Promise<{ exitCode: number | null; cpuProfile?: string }>;
  /** Log lines at level error or above so far (pino levels 50, 60). */
  errorLogLines(): number;
}

const READY_TIMEOUT_MS = 90_000;

export async function startApp(ctx: RunContext, opts: { cpuProfileDir?: string } = {}): Promise<RunningApp> {
  const port = await pickFreePort();
  const url = `http://127.0.0.1:${port}`;
  const profileName = `app-${ctx.runId}-${port}.cpuprofile`;
  if (opts.cpuProfileDir) fs.mkdirSync(opts.cpuProfileDir, { recursive: true });
  const proc = startNodeProcess({
    name: 'app',
    script: 'server.ts',
    nodeFlags: opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`, `--cpu-prof-name=${profileName}`] : [],
    countLines: /"level":(50|60)\b/,
    env: { ...ctx.productEnv, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  const stop = async () => {
    const exitCode = await proc.stop();
    const cpuProfile = opts.cpuProfileDir ? path.join(opts.cpuProfileDir, profileName) : undefined;
    return { exitCode, cpuProfile: cpuProfile && fs.existsSync(cpuProfile) ? cpuProfile : undefined };
  };
  try {
    // A CORS preflight is answered by the ingestion handler without touching Redis or Postgres.
    await waitUntil(proc, 'the app to answer', async () => (await fetch(`${url}/2/httpapi`, { method: 'OPTIONS' })).status === 204, READY_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    process: proc,
    stop,
    errorLogLines: () => proc.countedLines(),
  };
}
