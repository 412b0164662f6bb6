/**
 * Child processes of a benchmark run: product parts (the compiled JavaScript of `npm run build`,
 * as `npm start` runs them) and the benchmark's own programs and load generators (their
 * TypeScript through tsx). Output is kept as a bounded tail, shown when something fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { compiledPath } from '@/scripts/build/state';

const OUTPUT_TAIL_CHARS = 64 * 1024;
const running = new Set<BenchProcess>();

export interface StartOptions {
  name: string;
  script: string;
  args?: string[];
  /** Run `script`'s build output (scripts/build) instead of its source through tsx. */
  compiled?: boolean;
  /** Flags for node itself, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  env?: Record<string, string>;
  /** Open an IPC channel (the child can `process.send`). */
  ipc?: boolean;
  /** Output lines matching this are counted (e.g. error logs), however long the output. */
  countLines?: RegExp;
}

export interface BenchProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** The last 64 KiB of stdout and stderr. */
  output(): string;
  /** Output lines that matched `countLines`. */
  countedLines(): number;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. Resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export function startNodeProcess(opts: StartOptions): BenchProcess {
  const entry = opts.compiled ? ['--enable-source-maps', compiledPath(opts.script)] : ['--import', 'tsx', opts.script];
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), ...entry, ...(opts.args ?? [])], {
    env: { ...process.env, ...opts.env },
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${opts.name} did not start`);
  let tail = '';
  let partialLine = '';
  let counted = 0;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
    if (!opts.countLines) return;
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop()!.slice(-OUTPUT_TAIL_CHARS);
    for (const line of lines) if (opts.countLines.test(line)) counted++;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const proc: BenchProcess = {
    name: opts.name,
    pid: child.pid,
    child,
    output: () => tail,
    countedLines: () => counted,
    exited,
    async stop(graceMs = 15_000) {
      if (!alive()) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** Stops every process this run started and that is still running (on an interrupted run). */
export async function stopStartedProcesses(): Promise<void> {
  await Promise.all([...running].map((proc) => proc.stop(5_000)));
}

/** Polls `check` until it returns true; fails early when `proc` exits. */
export async function waitUntil(proc: BenchProcess, what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited before ${what}:\n${proc.output()}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
