/**
 * `npm start` heals itself: scripts/start.ts is run as people run it (its own port, data
 * directory and queue prefix, the fake Braze as the only Braze), and while a client streams
 * events its worker and then its app are killed with SIGKILL. Each comes back within seconds,
 * the other keeps running, ingestion answers again within 5 s, and every event answered 200
 * reaches Braze. The UI build is shared with `npm start` itself (built here only when stale).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { buildIfStale } from '@/scripts/start';
import { eventKey, makeStreamEvents, startEventStream } from '@/test/faults/event-stream';
import { createEnabledSync, createProject } from '@/test/fixtures';
import { freePort } from '@/test/free-port';
import { startProcess, waitFor, waitForOutput, type RunningProcess } from '@/test/processes';

type Pids = { supervisor: number; app?: number; worker?: number };

let braze: FakeBraze;
let product: RunningProcess;
let dataDir: string;
let url: string;
let apiKey: string;

const readPids = (): Pids | null => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, 'pids.json'), 'utf8')) as Pids;
  } catch {
    return null;
  }
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Posts one event until it is answered 200; resolves with the time that took. */
async function timeUntilIngestionAnswers(prefix: string, accepted: Set<string>): Promise<number> {
  const started = Date.now();
  const [event] = makeStreamEvents(`${prefix}-probe-${started}`, 1, 1);
  for (;;) {
    const res = await fetch(`${url}/2/httpapi`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api_key: apiKey, events: [event] }),
      signal: AbortSignal.timeout(2_000),
    }).catch(() => null);
    if (res?.status === 200) {
      accepted.add(eventKey(event!.user_id, event!.time));
      return Date.now() - started;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  buildIfStale();
  braze = await startFakeBraze();
  // Configuration is read once per process: set it before anything reads it.
  process.env.BRAZE_CUSTOM_ENDPOINTS = braze.url;
  const project = await createProject();
  apiKey = project.apiKey;
  await createEnabledSync(project.id, braze.url);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-supervisor-'));
  product = startProcess('scripts/start.ts', {
    PORT: String(port),
    DATA_DIR: dataDir,
    QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-supervisor`,
    BRAZE_CUSTOM_ENDPOINTS: braze.url,
    LOG_LEVEL: 'info',
    // A killed worker's jobs come back to the queue quickly.
    WORKER_LOCK_MS: '2000',
    DELIVERY_LINGER_MS: '50',
  });
  await waitForOutput(product, /app listening/, 240_000);
  await waitForOutput(product, /worker started/, 60_000);
}, 900_000);

afterAll(async () => {
  await product?.kill('SIGTERM');
  await braze?.close();
  await disconnectPrisma();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start supervision', () => {
  it('restarts a killed worker and a killed app while events flow, losing none', async () => {
    const events = makeStreamEvents('sup', 3_000, 200);
    const stream = startEventStream({ url: () => url, apiKey, events, batchSize: 20, concurrency: 3, pauseMs: 30 });
    const probes = new Set<string>();
    await waitFor(() => stream.acceptedCount() >= 300, { what: 'events flowing', timeoutMs: 60_000 });

    const before = readPids()!;
    expect(before.supervisor).toBe(product.child.pid);
    process.kill(before.worker!, 'SIGKILL');
    // Ingestion does not depend on the worker: it answers at once.
    const withoutWorker = await timeUntilIngestionAnswers('sup', probes);
    expect(withoutWorker).toBeLessThan(2_000);
    const afterWorker = await waitFor(() => {
      const pids = readPids();
      return pids?.worker && pids.worker !== before.worker ? pids : null;
    }, { what: 'a new worker', timeoutMs: 5_000 });
    expect(afterWorker.app).toBe(before.app);
    expect(isAlive(before.app!)).toBe(true);
    await waitForOutput(product, /The worker stopped unexpectedly \(killed by SIGKILL\); restarting it in 0.5 s/);

    const acceptedBeforeAppKill = stream.acceptedCount();
    await waitFor(() => stream.acceptedCount() >= acceptedBeforeAppKill + 200, { what: 'more events', timeoutMs: 60_000 });
    process.kill(before.app!, 'SIGKILL');
    const appBack = await timeUntilIngestionAnswers('sup', probes);
    console.log(`ingestion answered ${withoutWorker} ms after the worker was killed, ${appBack} ms after the app was killed`);
    expect(appBack).toBeLessThan(5_000);
    const afterApp = readPids()!;
    expect(afterApp.app).not.toBe(before.app);
    expect(afterApp.worker).toBe(afterWorker.worker);
    expect(isAlive(afterWorker.worker!)).toBe(true);

    const result = await stream.done;
    expect(result.rejected).toBe(0);
    const accepted = new Set([...result.accepted, ...probes]);
    const delivered = () => new Set(braze.events().map((e) => eventKey(e.object.external_id, e.object.time)));
    await waitFor(() => [...accepted].every((k) => delivered().has(k)), { what: 'every accepted event at Braze', timeoutMs: 120_000 }).catch(
      () => undefined,
    );
    const lost = [...accepted].filter((k) => !delivered().has(k));
    expect(lost).toEqual([]);
    expect(accepted.size).toBe(events.length + probes.size);
  }, 300_000);

  it('stops cleanly, worker included, when the port is taken by another program', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '0.0.0.0', r));
    const { port } = blocker.address() as net.AddressInfo;
    const busyDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-supervisor-busy-'));
    try {
      const started = Date.now();
      const busy = startProcess('scripts/start.ts', {
        PORT: String(port),
        DATA_DIR: busyDataDir,
        QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-supervisor-busy`,
        LOG_LEVEL: 'info',
      });
      expect(await busy.exited).toBe(78);
      expect(Date.now() - started).toBeLessThan(120_000);
      expect(busy.output()).toContain(`port ${port} is in use by another program: stop it, or set PORT to a free port`);
      expect(busy.output()).toContain('The app cannot run (see its last message above); stopping the product.');
      expect(busy.output()).not.toMatch(/restarting it/);
      const workerPid = Number(/The worker runs as process (\d+)\./.exec(busy.output())?.[1]);
      expect(workerPid).toBeGreaterThan(0);
      expect(isAlive(workerPid)).toBe(false);
    } finally {
      blocker.close();
      fs.rmSync(busyDataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('stops every process on SIGTERM within seconds', async () => {
    const pids = readPids()!;
    const started = Date.now();
    expect(await product.kill('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect([pids.app!, pids.worker!].filter(isAlive)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'pids.json'))).toBe(false);
  }, 30_000);
});
