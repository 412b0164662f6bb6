/** When Redis is unavailable nothing can be kept: the answer is 503 (which SDKs retry), never 200. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { createProject, makeEvents } from '@/test/fixtures';
import { startProcess, waitForOutput, type RunningProcess } from '@/test/processes';

let proc: RunningProcess;
let url: string;
let apiKey: string;

beforeAll(async () => {
  ({ apiKey } = await createProject());
  // Nothing listens on this port: Redis is "down" for this process.
  proc = startProcess('test/ingest-server-main.ts', { REDIS_URL: 'redis://127.0.0.1:6399' });
  await waitForOutput(proc, /listening/);
  url = /listening (\S+)/.exec(proc.output())![1]!;
});

afterAll(async () => {
  await proc?.kill('SIGKILL');
  await disconnectPrisma();
});

describe('Redis unavailable', () => {
  it('answers 503 in Amplitude shape, promptly, and keeps serving', async () => {
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const res = await fetch(`${url}/2/httpapi`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ api_key: apiKey, events: makeEvents(3) }),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 503, error: expect.stringMatching(/nothing was ingested/) });
      expect(Date.now() - started).toBeLessThan(15_000);
    }
    // Validation errors are still answered as such: they need no Redis.
    const bad = await fetch(`${url}/2/httpapi`, { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
  });
});
