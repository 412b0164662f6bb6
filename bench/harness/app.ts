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
  // Node's default profile names carry pid and thread id: only the main thread's is read.
  const profileDir = opts.cpuProfileDir && path.join(opts.cpuProfileDir, `app-${ctx.runId}-${port}`);
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const proc = startNodeProcess({
    name: 'app',
    script: 'server.ts',
    compiled: true,
    nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    countLines: /"level":(50|60)\b/,
    env: { ...ctx.productEnv, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  const stop = async () => {
    const exitCode = await proc.stop();
    const mainThread = new RegExp(`\\.${proc.pid}\\.0\\.\\d+\\.cpuprofile$`);
    const file = profileDir ? fs.readdirSync(profileDir).find((f) => mainThread.test(f)) : undefined;
    return { exitCode, cpuProfile: file && path.join(profileDir!, file) };
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
