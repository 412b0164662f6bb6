/**
 * Worker processes of the delivery benchmark: the product's (`worker/main.ts`, as production runs
 * it) and the naive baseline (`bench/baseline/naive-worker.ts`), with the run's environment.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunContext } from '@/bench/harness/context';
import { startNodeProcess, waitUntil, type BenchProcess } from '@/bench/harness/processes';

export interface RunningWorker {
  name: string;
  process: BenchProcess;
  /** SIGTERM (the worker sends what it holds and exits); resolves with the CPU profile when profiling. */
  stop(): Promise<{ exitCode: number | null; cpuProfile?: string }>;
  errorLogLines(): number;
  /** The last error log lines, for a failure message. */
  lastErrors(): string[];
}

const ERROR_LINE = /"level":(50|60)\b/;
const READY_TIMEOUT_MS = 60_000;

async function startWorker(
  ctx: RunContext,
  opts: { name: string; script: string; ready: string; brazeEndpoints: string; cpuProfileDir?: string },
): Promise<RunningWorker> {
  const profileDir = opts.cpuProfileDir && path.join(opts.cpuProfileDir, `${opts.name.replace(/\W+/g, '-')}-${ctx.runId}`);
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const proc = startNodeProcess({
    name: opts.name,
    script: opts.script,
    nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    countLines: ERROR_LINE,
    env: { ...ctx.productEnv, NODE_ENV: 'production', BRAZE_CUSTOM_ENDPOINTS: opts.brazeEndpoints },
  });
  const stop = async () => {
    const exitCode = await proc.stop(30_000);
    // tsx's module hooks run on a thread of their own, which writes its own (idle) profile.
    const mainThread = new RegExp(`\\.${proc.pid}\\.0\\.\\d+\\.cpuprofile$`);
    const file = profileDir ? fs.readdirSync(profileDir).find((f) => mainThread.test(f)) : undefined;
    return { exitCode, cpuProfile: file && path.join(profileDir!, file) };
  };
  try {
    await waitUntil(proc, `${opts.name} to start`, async () => proc.output().includes(`"msg":"${opts.ready}"`), READY_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    name: opts.name,
    process: proc,
    stop,
    errorLogLines: () => proc.countedLines(),
    lastErrors: () => proc.output().split('\n').filter((line) => ERROR_LINE.test(line)).slice(-3),
  };
}

export function startProductWorker(ctx: RunContext, name: string, brazeEndpoints: string, cpuProfileDir?: string): Promise<RunningWorker> {
  return startWorker(ctx, { name, script: process.env.EXP_WORKER ?? 'worker/main.ts', ready: 'worker started', brazeEndpoints, cpuProfileDir });
}

export function startNaiveWorker(ctx: RunContext, brazeEndpoints: string): Promise<RunningWorker> {
  return startWorker(ctx, { name: 'naive worker', script: 'bench/baseline/naive-worker.ts', ready: 'naive worker started', brazeEndpoints });
}
