/**
 * Forward to Amplitude under faults, with real processes: during a steady stream of events to the
 * ingestion API, workers are killed, and the fake Amplitude answers 5xx (some after taking the
 * events), hangs past the request timeout (some after taking them), throttles users with 429s,
 * and refuses a few events with a 400. Afterwards every accepted event is in Amplitude exactly
 * once per insert_id (its de-duplication drops the re-sends), the refused ones are recorded as
 * failures with Amplitude's answer and nowhere else, and nothing is left in the queue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { saveForwardSettings } from '@/lib/forward/settings';
import { closeQueues } from '@/lib/queue/queues';
import { startFakeAmplitude, type FakeAmplitude } from '@/test/fakes/amplitude';
import { eventKey, makeStreamEvents, startEventStream } from '@/test/faults/event-stream';
import { AppProcess, startFaultRig, WorkerPool, type FaultRig } from '@/test/faults/rig';
import { createProject } from '@/test/fixtures';
import { freePort } from '@/test/free-port';
import { waitFor } from '@/test/processes';

const EVENTS = 3_000;
let rig: FaultRig;
let amplitude: FakeAmplitude;
let amplitudeUrl: string;

beforeAll(async () => {
  amplitude = await startFakeAmplitude({ port: await freePort() });
  amplitudeUrl = amplitude.url;
  // Read once per process: set before the rig reads the configuration.
  process.env.AMPLITUDE_CUSTOM_ENDPOINTS = amplitudeUrl;
  rig = await startFaultRig();
  Object.assign(rig.productEnv, { AMPLITUDE_CUSTOM_ENDPOINTS: amplitudeUrl, AMPLITUDE_REQUEST_TIMEOUT_MS: '1500' });
}, 120_000);

afterAll(async () => {
  await closeQueues();
  await disconnectPrisma();
  await rig?.close();
  await amplitude?.close();
});

function pendingForwardJobs(): number {
  const key = (part: string) => `${rig.prefix}:forward:${part}`;
  return ['wait', 'active'].reduce((n, k) => n + Number(rig.redis.cli('llen', key(k))), 0) + ['delayed', 'prioritized'].reduce((n, k) => n + Number(rig.redis.cli('zcard', key(k))), 0);
}

describe('forward to Amplitude under faults', () => {
  it('delivers every accepted event to Amplitude once per insert_id through worker kills, 5xx, timeouts and 429s, and splits out what a 400 refuses', async () => {
    const started = Date.now();
    const project = await createProject();
    await saveForwardSettings(project.id, { enabled: true, region: amplitudeUrl, apiKey: '', useIngestionKey: false });
    const events = makeStreamEvents('fwd', EVENTS, 500);
    const invalid = [150, 900, 1_500, 2_250, 2_900].map((i) => events[i]!.insert_id);
    amplitude.setInvalidInsertIds(invalid);
    const insertIdOf = new Map(events.map((e) => [eventKey(e.user_id, e.time), e.insert_id]));

    const app = new AppProcess(rig.productEnv);
    const workers = new WorkerPool(rig.productEnv);
    await Promise.all([app.start(), workers.start(2)]);
    const stream = startEventStream({ url: () => app.url, apiKey: project.apiKey, events, batchSize: 50, concurrency: 2, pauseMs: 200 });
    const reached = (share: number) => waitFor(() => stream.acceptedCount() >= share * EVENTS, { what: `${share * 100}% accepted`, timeoutMs: 120_000 });
    const faults = async () => {
      await reached(0.1);
      amplitude.injectFaults(
        { kind: 'status', status: 500, processed: true, count: 3 },
        { kind: 'status', status: 502, count: 3 },
        { kind: 'status', status: 503, count: 3 },
        { kind: 'status', status: 504, processed: true, count: 3 },
      );
      await reached(0.25);
      await workers.killOldest();
      await workers.start(1, { ready: false });
      await reached(0.35);
      amplitude.injectFaults({ kind: 'hang', ms: 2_500, processed: true, count: 3 }, { kind: 'hang', ms: 2_500, count: 2 }, { kind: 'hang', ms: 300, cut: true, count: 2 });
      await reached(0.5);
      amplitude.injectFaults({ kind: 'throttle', users: ['fwd-user-0001', 'fwd-user-0002', 'fwd-user-0003'], count: 6 }, { kind: 'throttle', count: 2 });
      await reached(0.6);
      await workers.killOldest();
      await workers.start(1, { ready: false });
      await reached(0.75);
      await workers.freeze(3_000);
    };
    try {
      const [result] = await Promise.all([stream.done, faults()]);
      const acceptedIds = [...result.accepted].map((k) => insertIdOf.get(k)!);
      const valid = acceptedIds.filter((id) => !invalid.includes(id));
      const inAmplitude = () => {
        const counts = new Map<string, number>();
        for (const e of amplitude.events()) if (e.apiKey === project.apiKey) counts.set(String(e.event.insert_id), (counts.get(String(e.event.insert_id)) ?? 0) + 1);
        return counts;
      };
      await waitFor(() => valid.every((id) => inAmplitude().has(id)), { what: 'every accepted event at Amplitude', timeoutMs: 150_000 }).catch(() => undefined);
      await waitFor(() => pendingForwardJobs() === 0, { what: 'the forward queue to drain', timeoutMs: 60_000 }).catch(() => undefined);
      const counts = inAmplitude();
      const failures = await prisma().forwardFailure.findMany({ where: { projectId: project.id } });
      const figures = {
        sent: EVENTS,
        accepted: acceptedIds.length,
        inAmplitude: valid.filter((id) => counts.has(id)).length,
        lost: valid.filter((id) => !counts.has(id)).length,
        storedTwice: [...counts.values()].filter((n) => n > 1).length,
        resendsAmplitudeDropped: amplitude.stats().duplicatesDropped,
        refusedRecorded: failures.length,
        refusedInAmplitude: invalid.filter((id) => counts.has(id)).length,
        answers: amplitude.requests().reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {}),
        pendingJobs: pendingForwardJobs(),
        failedJobs: Number(rig.redis.cli('zcard', `${rig.prefix}:forward:failed`)),
        seconds: Math.round((Date.now() - started) / 1000),
      };
      fs.mkdirSync(path.resolve('test-results'), { recursive: true });
      fs.writeFileSync(path.resolve('test-results', 'forward-reliability.json'), `${JSON.stringify(figures, null, 2)}\n`);
      process.stdout.write(`forward under faults: ${JSON.stringify(figures)}\n`);
      expect(figures.accepted).toBe(EVENTS);
      expect(figures).toMatchObject({ lost: 0, storedTwice: 0, refusedInAmplitude: 0, pendingJobs: 0, failedJobs: 0 });
      expect(failures.map((f) => f.insertId).sort()).toEqual([...invalid].sort());
      expect(failures.every((f) => f.status === 400 && f.answer.includes('events_with_invalid_fields'))).toBe(true);
      expect(figures.answers['429']).toBeGreaterThan(0);
      expect(figures.answers['0']).toBeGreaterThan(0);
    } finally {
      await workers.stop();
      await app.stop('SIGKILL');
    }
  }, 400_000);
});
