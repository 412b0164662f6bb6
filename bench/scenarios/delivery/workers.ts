/**
 * Worker processes of the delivery benchmark: the product's (`worker/main.ts`, as production runs
 * it) and the naive baseline (`bench/baseline/naive-worker.ts`), with the run's environment.
 * Each is preloaded with loop-monitor.mjs, which reports how late its event loop ran; error log
 * lines are tallied by message, however many there are.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunContext } from '@/bench/harness/context';
import { startNodeProcess, waitUntil, type BenchProcess } from '@/bench/harness/processes';
import { env } from '@/lib/env';
import { workerHeapFlags, workerProcessEnv } from '@/lib/process/worker-heap';

const LOOP_MONITOR = path.resolve('bench/scenarios/delivery/loop-monitor.mjs');
const ERROR_LINE = /"level":(50|60)\b/;
const READY_TIMEOUT_MS = 60_000;

export interface LoopSample {
  at: number;
  p99Ms: number;
  maxMs: number;
  gc?: GcSummary;
}

/** What a worker's garbage collector did over a time: collections, their main-thread time, bytes promoted. */
export interface GcSummary {
  young: number;
  youngMs: number;
  full: number;
  fullMs: number;
  promotedBytes: number;
}

export interface RunningWorker {
  name: string;
  process: BenchProcess;
  /** SIGTERM (the worker sends what it holds and exits); resolves with the CPU profile when profiling. */
  stop(): Promise<{ exitCode: number | null; cpuProfile?: string }>;
  errorLogLines(): number;
  /** Error log lines by message (numbers replaced by N), most frequent first. */
  errorSummary(): { message: string; count: number }[];
  /** The longest event-loop stall reported between two epoch-ms times. */
  loopDelayMaxMs(from: number, to: number): number | undefined;
  /** The garbage collector's work reported between two epoch-ms times (each report covers the 2 s before it). */
  gcBetween(from: number, to: number): GcSummary | undefined;
}

/** `{"err": "Missing lock for job 204. moveToDelayed", "msg": "worker error"}` → "worker error: Missing lock for job N. moveToDelayed". */
function messageOf(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: unknown; err?: unknown; queue?: unknown };
    const err = typeof entry.err === 'string' ? entry.err.replace(/\s+/g, ' ').trim() : '';
    const text = `${typeof entry.queue === 'string' ? `[${entry.queue}] ` : ''}${String(entry.msg ?? '')}${err ? `: ${err}` : ''}`;
    return text.replace(/\d+/g, 'N').slice(0, 200);
  } catch {
    return line.slice(0, 200);
  }
}

async function startWorker(
  ctx: RunContext,
  opts: { name: string; script: string; compiled?: boolean; ready: string; brazeEndpoints: string; cpuProfileDir?: string; heapFlags?: string[]; env?: Record<string, string | undefined> },
): Promise<RunningWorker> {
  const profileDir = opts.cpuProfileDir && path.join(opts.cpuProfileDir, `${opts.name.replace(/\W+/g, '-')}-${ctx.runId}`);
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const proc = startNodeProcess({
    name: opts.name,
    script: opts.script,
    compiled: opts.compiled,
    nodeFlags: [...(opts.heapFlags ?? []), '--import', LOOP_MONITOR, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    countLines: ERROR_LINE,
    env: { ...opts.env, ...ctx.productEnv, NODE_ENV: 'production', BRAZE_CUSTOM_ENDPOINTS: opts.brazeEndpoints },
  });

  const loop: LoopSample[] = [];
  const errors = new Map<string, number>();
  let partial = '';
  proc.child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!.slice(-64 * 1024);
    for (const line of lines) {
      if (line.includes('"msg":"bench event loop"')) {
        try {
          loop.push(JSON.parse(line) as LoopSample);
        } catch {
          // A torn line: one sample fewer.
        }
      } else if (ERROR_LINE.test(line)) {
        const message = messageOf(line);
        errors.set(message, (errors.get(message) ?? 0) + 1);
      }
    }
  });

  const stop = async () => {
    const exitCode = await proc.stop(30_000);
    // Only the main thread's profile is read (tsx's module hooks, for the baseline, have a thread of their own).
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
    errorSummary: () => [...errors].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count),
    loopDelayMaxMs(from, to) {
      const within = samplesBetween(loop, from, to);
      return within.length > 0 ? Math.max(...within.map((s) => s.maxMs)) : undefined;
    },
    gcBetween(from, to) {
      const within = samplesBetween(loop, from, to).flatMap((s) => (s.gc ? [s.gc] : []));
      if (within.length === 0) return undefined;
      return within.reduce((sum, gc) => ({
        young: sum.young + gc.young,
        youngMs: sum.youngMs + gc.youngMs,
        full: sum.full + gc.full,
        fullMs: sum.fullMs + gc.fullMs,
        promotedBytes: sum.promotedBytes + gc.promotedBytes,
      }));
    },
  };
}

/** The samples of a time (a sample covers the 2 s before it). */
const samplesBetween = (samples: LoopSample[], from: number, to: number) => samples.filter((s) => s.at > from && s.at <= to + 2_000);

export function startProductWorker(ctx: RunContext, name: string, brazeEndpoints: string, cpuProfileDir?: string): Promise<RunningWorker> {
  // As `npm start` runs it: compiled, with its heap limits and allocator settings (lib/process/worker-heap), so its memory is production's.
  return startWorker(ctx, { name, script: 'worker/main.ts', compiled: true, ready: 'worker started', brazeEndpoints, cpuProfileDir, heapFlags: workerHeapFlags(env()), env: workerProcessEnv(process.env) });
}

export function startNaiveWorker(ctx: RunContext, brazeEndpoints: string): Promise<RunningWorker> {
  return startWorker(ctx, { name: 'naive worker', script: 'bench/baseline/naive-worker.ts', ready: 'naive worker started', brazeEndpoints });
}
