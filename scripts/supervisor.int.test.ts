/**
 * The supervisor with a worker that keeps crashing beside an app that runs (stand-ins): the worker is
 * restarted on the backoff schedule, the crash loop is said once in one sentence, the app
 * is never touched, and SIGTERM ends it all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startProcess, waitForOutput } from '@/test/processes';

it('restarts a crashing process with backoff, reports the crash loop once, leaves the other running', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-supervise-'));
  const supervisor = startProcess('test/supervise-main.ts', {}, [dir]);
  try {
    await waitForOutput(supervisor, /The worker keeps crashing/, 30_000);
    await waitForOutput(supervisor, /restarting it in 5 s/, 10_000);
    const delays = [...supervisor.output().matchAll(/The worker stopped unexpectedly \(exit code 3\); restarting it in ([\d.]+) s\./g)].map((m) => m[1]);
    expect(delays.slice(0, 5)).toEqual(['0.5', '1', '2', '4', '5']);
    expect(supervisor.output()).toContain(
      'The worker keeps crashing (5 times in 60 s): its own messages above say why; it is restarted every 5 s until it stays up.',
    );
    expect(supervisor.output().match(/keeps crashing/g)).toHaveLength(1);
    expect(supervisor.output()).not.toMatch(/The app stopped/);
    const pids = JSON.parse(fs.readFileSync(path.join(dir, 'pids.json'), 'utf8')) as Record<string, number>;
    expect(pids.supervisor).toBe(supervisor.child.pid);
    expect(supervisor.output()).toContain(`The app runs as process ${pids.app}.`);
    expect(supervisor.output().match(/The app runs as process/g)).toHaveLength(1);

    const started = Date.now();
    expect(await supervisor.kill('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(() => process.kill(pids.app!, 0)).toThrow();
    expect(fs.existsSync(path.join(dir, 'pids.json'))).toBe(false);
  } finally {
    await supervisor.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
