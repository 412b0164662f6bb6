/**
 * Postgres or Redis out of reach is said plainly: one line per 10 s per process naming the URL
 * (without its password) and what waits for it — not a bare ECONNREFUSED, not a line per
 * reconnection attempt — and SIGTERM still ends the process in seconds. Real processes, pointed
 * at ports nothing listens on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '@/test/free-port';
import { startProcess, waitForOutput, type RunningProcess } from '@/test/processes';

/** The `msg` of every JSON log line, and the other lines as they are. */
function messages(proc: RunningProcess): string[] {
  return proc
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return String((JSON.parse(line) as { msg?: unknown }).msg ?? line);
      } catch {
        return line;
      }
    });
}

async function stopsWithinSeconds(proc: RunningProcess): Promise<number> {
  const started = Date.now();
  await proc.kill('SIGTERM');
  return Date.now() - started;
}

describe('unreachable Postgres and Redis', () => {
  it('npm start waits for Postgres, saying so once per 10 s without the password', async () => {
    const port = await freePort();
    const url = `postgresql://postgres:s3cret-pw@127.0.0.1:${port}/braze_streaming`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-unreachable-'));
    const start = startProcess('scripts/start.ts', { DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const line = new RegExp(`Postgres at postgresql://postgres@127\\.0\\.0\\.1:${port}/braze_streaming is unreachable \\(connection refused\\) for 1\\d s; npm start \\(to apply migrations\\) waits for it`);
    await waitForOutput(start, line, 30_000);
    expect(start.child.exitCode).toBeNull();
    expect(start.output()).not.toContain('s3cret-pw');
    // Two reports in 10-odd seconds, and nothing else said about it.
    expect(messages(start).filter((m) => /Postgres|ECONNREFUSED/.test(m))).toHaveLength(2);
    expect(await stopsWithinSeconds(start)).toBeLessThan(5_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a worker without Redis says so once per 10 s instead of a line per attempt, and stops on SIGTERM', async () => {
    const port = await freePort();
    const worker = startProcess('worker/main.ts', { REDIS_URL: `redis://:hunter2@127.0.0.1:${port}`, LOG_LEVEL: 'info' });
    const line = new RegExp(`Redis at redis://127\\.0\\.0\\.1:${port} is unreachable \\(connection refused\\) for 1\\d s; the worker waits for it`);
    await waitForOutput(worker, line, 40_000);
    const said = messages(worker);
    expect(worker.output()).not.toContain('hunter2');
    expect(said.filter((m) => m.includes('is unreachable'))).toHaveLength(2);
    // Nothing else repeats the outage (BullMQ's errors, heartbeats, periodic checks).
    expect(said.filter((m) => !/is unreachable|worker started/.test(m))).toEqual([]);
    expect(await stopsWithinSeconds(worker)).toBeLessThan(10_000);
  }, 60_000);

  it('a worker waits for Postgres at start instead of failing, and stops on SIGTERM', async () => {
    const port = await freePort();
    const worker = startProcess('worker/main.ts', { DATABASE_URL: `postgresql://postgres:s3cret-pw@127.0.0.1:${port}/braze_streaming`, LOG_LEVEL: 'info' });
    const line = new RegExp(`Postgres at postgresql://postgres@127\\.0\\.0\\.1:${port}/braze_streaming is unreachable \\(.+\\) for 1\\d s; the worker waits for it`);
    await waitForOutput(worker, line, 40_000);
    expect(worker.output()).not.toContain('s3cret-pw');
    expect(messages(worker).filter((m) => !/is unreachable/.test(m))).toEqual([]);
    expect(await stopsWithinSeconds(worker)).toBeLessThan(5_000);
  }, 60_000);
});
