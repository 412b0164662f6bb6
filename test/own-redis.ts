/**
 * A Redis of the test's own, configured as production should run it (append-only file fsynced
 * on every write, `noeviction`), that the test may kill and restart on the same data directory.
 * The machine's shared Redis is never touched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/test/free-port';
import { waitFor } from '@/test/processes';

export interface OwnRedis {
  url: string;
  port: number;
  dir: string;
  /** kill -9: whatever was not in the append-only file is gone. */
  crash: () => Promise<void>;
  start: () => Promise<void>;
  cli: (...args: string[]) => string;
  stop: () => Promise<void>;
}

export async function startOwnRedis(extraArgs: string[] = []): Promise<OwnRedis> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-redis-'));
  let child: ChildProcess | undefined;

  const cli = (...args: string[]) => {
    const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' });
    return `${result.stdout}${result.stderr}`.trim();
  };

  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'always',
        '--maxmemory-policy', 'noeviction', '--dir', dir, '--save', '', '--daemonize', 'no', ...extraArgs],
      { stdio: 'ignore' },
    );
    await waitFor(() => cli('ping') === 'PONG', { what: `redis on port ${port}`, timeoutMs: 15_000 });
  };

  const crash = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    crash,
    start,
    cli,
    stop: async () => {
      await crash();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
