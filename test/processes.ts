/** Runs product processes (worker, app) as real child processes for integration tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the process has exited. */
  exited: Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** `cwd`: a working directory other than the project's (the script's .env and data are read from there). */
export function startProcess(script: string, env: Record<string, string>, args: string[] = [], opts: { cwd?: string } = {}): RunningProcess {
  const root = path.resolve(import.meta.dirname, '..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(root, script), ...args], {
    cwd: opts.cwd,
    env: { ...process.env, ...(opts.cwd ? { TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function waitForOutput(proc: RunningProcess, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(proc.output())) {
    if (proc.child.exitCode !== null) throw new Error(`process exited early:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitFor<T>(
  check: () => T | Promise<T>,
  opts: { timeoutMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${opts.what ?? 'condition'}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
