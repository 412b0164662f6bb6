/**
 * History imports end to end: the fake Export API over HTTP, a worker process, Postgres, Redis
 * and the fake Braze. A 50 MB export is imported with the worker's memory bounded (RSS printed),
 * within the import's share of the workspace's rate limit, while live events keep reaching Braze;
 * a worker restarted mid-import (SIGTERM, and SIGKILL) resumes where it stopped, and one that dies
 * between a batch's user-model write and its progress write still sends every update; events live
 * traffic already took are skipped; Amplitude's refusals are said.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { parseEnv } from '@/lib/env';
import { startImport } from '@/lib/import/import-store';
import { workerHeapFlags } from '@/lib/process/worker-heap';
import { startFakeAmplitudeExport, exportEventOf, insertIdOf, type ExportDataOptions, type FakeAmplitudeExport } from '@/test/fakes/amplitude-export';
import { createEnabledSync, createProject, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { startProcess, waitFor, waitForOutput } from '@/test/processes';

/** Low enough that the import's share (4 requests a second at 25 %) is what paces it. */
const RATE_LIMIT = { limit: 16, windowMs: 1_000 };
const dataDir = mkdtempSync(path.join(tmpdir(), 'import-history-'));
/**
 * The worker runs with the heap limits production gives it (lib/process/worker-heap with the
 * defaults of WORKER_MAX_OLD_SPACE_MB and WORKER_MAX_SEMI_SPACE_MB), without which V8 lets
 * garbage pile up (~465 MB of RSS for this import). The import holds one batch at a time, so it
 * stays far below that limit and below the archive's content.
 */
const HEAP_FLAGS = workerHeapFlags(parseEnv({}));
const workerEnv: Record<string, string> = {
  DATA_DIR: dataDir,
  WORKER_LOCK_MS: '5000',
  DELIVERY_LINGER_MS: '50',
  NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', ...HEAP_FLAGS].join(' ').trim(),
};
const exports: FakeAmplitudeExport[] = [];

/** Starts a fake Export API before the worker, whose allow-list must name it. */
function exportServer(data: ExportDataOptions): () => FakeAmplitudeExport {
  const index = exports.length;
  exports.push(undefined as unknown as FakeAmplitudeExport);
  beforeAll(async () => {
    exports[index] = await startFakeAmplitudeExport({ data, partsPerHour: 2 });
    workerEnv.AMPLITUDE_CUSTOM_ENDPOINTS = exports.filter(Boolean).map((e) => e.url).join(',');
    // Configuration is read once per process, after these servers are up (the rig starts later).
    process.env.AMPLITUDE_CUSTOM_ENDPOINTS = workerEnv.AMPLITUDE_CUSTOM_ENDPOINTS;
  });
  return () => exports[index]!;
}

const HOUR = 3_600_000;
const BIG: ExportDataOptions = { projectId: 101, firstHour: new Date(Date.UTC(2026, 5, 1)), hours: 12, eventsPerHour: 1_900, users: 1_000, noteBytes: 3_000 };
const SMALL: ExportDataOptions = { projectId: 102, firstHour: new Date(Date.UTC(2026, 6, 1)), hours: 4, eventsPerHour: 600, users: 300, noteBytes: 200 };
const TINY: ExportDataOptions = { projectId: 103, firstHour: new Date(Date.UTC(2026, 7, 1)), hours: 1, eventsPerHour: 50, users: 10, noteBytes: 10 };
const big = exportServer(BIG);
const small = exportServer(SMALL);
const tiny = exportServer(TINY);

const KEYS = ['fake-rest-api-key', 'key-restart-SIGTERM', 'key-restart-SIGKILL', 'key-refusals', 'key-crash-window'];
const rig = pipelineForFile({ queueSuffix: 'import', braze: { rateLimit: RATE_LIMIT, recordLimit: 200_000, keys: KEYS.map((key) => ({ key })) }, workerEnv });
afterAll(async () => {
  await Promise.all(exports.map((e) => e?.close()));
  await rm(dataDir, { recursive: true, force: true });
});

function rangeOf(data: ExportDataOptions) {
  const hour = (d: Date) => d.toISOString().slice(0, 13);
  return { startHour: hour(data.firstHour), endHour: hour(new Date(data.firstHour.getTime() + (data.hours - 1) * HOUR)) };
}

async function syncFor(restApiKey = 'fake-rest-api-key') {
  const project = await createProject();
  const sync = await createEnabledSync(project.id, rig.braze.url, { restApiKey, sendUsers: true, userProperties: ['plan', 'level'] });
  return { project, sync };
}

function importFrom(server: FakeAmplitudeExport, data: ExportDataOptions, projectId: string, syncId: string, overrides: Record<string, unknown> = {}) {
  return startImport(projectId, syncId, {
    ...rangeOf(data),
    region: server.url,
    apiKey: server.apiKey,
    secretKey: server.secretKey,
    attributesOnly: true,
    rateShare: 25,
    ...overrides,
  });
}

function runOf(id: string) {
  return prisma().importRun.findUniqueOrThrow({ where: { id } });
}

async function finished(id: string, timeoutMs: number) {
  return waitFor(async () => {
    const run = await runOf(id);
    return run.status === 'RUNNING' ? null : run;
  }, { what: `import ${id} to finish`, timeoutMs });
}

/** Attribute objects Braze accepted with `apiKey` for the export's users, by user and level. */
function importedUpdates(apiKey = 'fake-rest-api-key') {
  const counts = new Map<string, number>();
  for (const a of rig.braze.attributes()) {
    const id = String(a.object.external_id ?? '');
    if (a.apiKey !== apiKey || !id.startsWith('user-') || a.object.level === undefined) continue;
    const key = `${id}@${String(a.object.level)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The import's requests (user updates of `user-<n>`) in each rate window, named by its reset time. */
function importRequestsPerWindow(apiKey: string): number[] {
  const perWindow = new Map<string, number>();
  for (const r of rig.braze.requests()) {
    const body = r.body as { attributes?: { external_id?: string }[] } | null;
    if (r.apiKey !== apiKey || !body?.attributes?.some((a) => a.external_id?.startsWith('user-'))) continue;
    const window = r.responseHeaders['x-ratelimit-reset'] ?? '';
    perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
  }
  return [...perWindow.values()];
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

/** Sends one live event per call and records when Braze has it. */
function liveProbe(projectApiKey: string) {
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let n = 0;
  return {
    async send() {
      const userId = `live-${Date.now()}-${n++}`;
      sent.set(userId, Date.now());
      const { status } = await postEvents(rig.ingest.url, projectApiKey, [{ user_id: userId, event_type: 'Live Probe', time: Date.now(), insert_id: userId }]);
      expect(status).toBe(200);
    },
    collect() {
      const seen = new Set(rig.braze.events().map((e) => String(e.object.external_id)));
      for (const [userId, at] of sent) {
        if (!seen.has(userId)) continue;
        latencies.push(Date.now() - at);
        sent.delete(userId);
      }
      return sent.size;
    },
    p95: () => [...latencies].sort((a, b) => a - b)[Math.max(0, Math.ceil(latencies.length * 0.95) - 1)] ?? Number.NaN,
    count: () => latencies.length,
  };
}

async function measureLive(probe: ReturnType<typeof liveProbe>, whileRunning: () => Promise<boolean>) {
  do {
    await probe.send();
    await new Promise((r) => setTimeout(r, 250));
    probe.collect();
  } while (await whileRunning());
  await waitFor(() => probe.collect() === 0, { what: 'every live probe at Braze', timeoutMs: 30_000 });
}

function restartWorker(signal: NodeJS.Signals) {
  return async () => {
    await rig.worker.kill(signal);
    rig.worker = startProcess('worker/main.ts', {
      BRAZE_CUSTOM_ENDPOINTS: rig.braze.url,
      QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
      LOG_LEVEL: 'info',
      ...workerEnv,
    });
    await waitForOutput(rig.worker, /worker started/);
  };
}

describe('history import', () => {
  it('imports a 50 MB export with bounded memory, within its rate share, while live events keep flowing', { timeout: 900_000 }, async () => {
    const { project, sync } = await syncFor();
    const probe = liveProbe(project.apiKey);
    // Live latency without an import, for comparison.
    let quietRounds = 12;
    await measureLive(probe, async () => --quietRounds > 0);
    const quietP95 = probe.p95();

    const pid = rig.worker.child.pid!;
    const baseline = rssMb(pid);
    const samples: { at: number; mb: number }[] = [];
    const sampler = setInterval(() => samples.push({ at: Date.now(), mb: rssMb(pid) }), 200);
    const started = Date.now();
    const view = await importFrom(big(), BIG, project.id, sync.id);
    const during = liveProbe(project.apiKey);
    await measureLive(during, async () => (await runOf(view.id)).status === 'RUNNING');
    clearInterval(sampler);
    const run = await finished(view.id, 10_000);
    const seconds = (Date.now() - started) / 1000;
    const peak = Math.max(baseline, ...samples.map((x) => x.mb));
    const jsonMb = (JSON.stringify(exportEventOf(BIG, 0, 0)).length * BIG.hours * BIG.eventsPerHour) / 1e6;

    const archiveMb = Number(run.bytesTotal) / 1e6;
    const users = BIG.users * BIG.hours;
    console.log(
      `import: ${archiveMb.toFixed(1)} MB archive, ${run.eventsRead} events, ${run.objectsSent} user updates in ${seconds.toFixed(1)} s ` +
        `(${Math.round(run.eventsRead / seconds)} events/s; ~${Math.round(jsonMb)} MB of JSON); worker RSS ${baseline} MB before, ${peak} MB peak ` +
        `(${HEAP_FLAGS.join(' ')}, as in production); ` +
        `live p95 ${quietP95} ms without the import, ${during.p95()} ms during it (${during.count()} probes)`,
    );
    expect(run).toMatchObject({ status: 'COMPLETED', eventsRead: BIG.hours * BIG.eventsPerHour, objectsSent: users, eventsSkipped: 0, objectsFailed: 0, error: null });
    expect(archiveMb).toBeGreaterThanOrEqual(50);
    // The import ran to the end within the heap cap (the worker did not die out of memory).
    expect(rig.worker.child.exitCode).toBeNull();
    expect(peak).toBeLessThan(400);
    const updates = importedUpdates();
    expect(updates.size).toBe(users);
    expect([...updates.values()].every((n) => n === 1)).toBe(true);

    expect(Math.max(...importRequestsPerWindow('fake-rest-api-key'))).toBeLessThanOrEqual(Math.floor(RATE_LIMIT.limit * 0.25));
    expect(rig.braze.requests().filter((r) => r.status === 429)).toHaveLength(0);
    expect(during.p95()).toBeLessThan(Math.max(3 * quietP95, 2_000));
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`resumes after a worker restart (${signal}) without sending again what Braze accepted`, { timeout: 180_000 }, async () => {
      const apiKey = `key-restart-${signal}`;
      const { project, sync } = await syncFor(apiKey);
      // 5 % of 16 requests per second: one a second, slow enough to stop it midway.
      const view = await importFrom(small(), SMALL, project.id, sync.id, { rateShare: 5 });
      await waitFor(async () => ((await runOf(view.id)).objectsSent >= 300 ? true : null), { what: 'the import under way', timeoutMs: 60_000 });
      await restartWorker(signal)();
      const run = await finished(view.id, 120_000);
      const counts = importedUpdates(apiKey);
      const expected = SMALL.users * SMALL.hours;
      const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
      console.log(`restart (${signal}) mid-import: ${run.objectsSent} user updates accepted, ${counts.size} distinct, ${duplicates} sent twice`);
      expect(run.status).toBe('COMPLETED');
      expect(counts.size).toBe(expected);
      expect(Math.max(...importRequestsPerWindow(apiKey))).toBe(1);
      if (signal === 'SIGTERM') {
        expect(duplicates).toBe(0);
        expect(run.objectsSent).toBe(expected);
      } else {
        // Killed between Braze's answer and the progress write, at most one request goes again.
        expect(duplicates).toBeLessThanOrEqual(75);
      }
    });
  }

  it('sends every user update once when the worker dies between a batch\'s user-model write and its progress write', { timeout: 90_000 }, async () => {
    const apiKey = 'key-crash-window';
    const { project, sync } = await syncFor(apiKey);
    // The batch's progress write fails as if the worker died just before it; the sequence counts
    // the attempts (a sequence is not rolled back with the write).
    const crashes = `crashes_${sync.id.replace(/\W/g, '_')}`;
    await prisma().$executeRawUnsafe(`CREATE SEQUENCE "${crashes}"`);
    await prisma().$executeRawUnsafe(`
      CREATE FUNCTION "${crashes}"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.position_line <> OLD.position_line THEN
          PERFORM nextval('"${crashes}"');
          RAISE EXCEPTION 'the worker died before the progress write';
        END IF;
        RETURN NEW;
      END $$`);
    await prisma().$executeRawUnsafe(
      `CREATE TRIGGER "${crashes}" BEFORE UPDATE ON "import_runs" FOR EACH ROW WHEN (NEW.sync_id = '${sync.id}') EXECUTE FUNCTION "${crashes}"()`,
    );
    const view = await importFrom(tiny(), TINY, project.id, sync.id, { rateShare: 100 });
    await waitFor(async () => {
      const rows = await prisma().$queryRawUnsafe<{ is_called: boolean }[]>(`SELECT is_called FROM "${crashes}"`);
      return rows[0]?.is_called ? true : null;
    }, { what: 'the progress write to fail', timeoutMs: 30_000 });
    await prisma().$executeRawUnsafe(`DROP TRIGGER "${crashes}" ON "import_runs"`);
    // The window was hit: the user model already holds the batch's users, the progress does not.
    const profiles = await prisma().userProfile.findMany({ where: { projectId: project.id, userKey: { startsWith: 'u:user-' } } });
    expect(profiles).toHaveLength(TINY.users);
    expect(profiles.every((p) => (p.properties as { level?: number }).level === 1)).toBe(true);
    expect((await runOf(view.id)).positionLine).toBe(0);
    // The queue retries the run: the batch is read again from the last saved position.
    const run = await finished(view.id, 60_000);
    const counts = importedUpdates(apiKey);
    expect(run).toMatchObject({ status: 'COMPLETED', eventsRead: TINY.eventsPerHour, objectsSent: TINY.users * TINY.hours });
    expect(counts.size).toBe(TINY.users * TINY.hours);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('skips events live traffic already delivered, and sends the rest as events when asked', { timeout: 60_000 }, async () => {
    const { project, sync } = await syncFor('fake-rest-api-key');
    const live = [0, 1, 2, 3, 4].map((i) => {
      const e = exportEventOf(TINY, 0, i);
      return { user_id: e.user_id, device_id: e.device_id, event_type: e.event_type, time: Date.now(), insert_id: insertIdOf(0, i) };
    });
    expect((await postEvents(rig.ingest.url, project.apiKey, live)).status).toBe(200);
    await waitFor(() => (rig.braze.events().filter((e) => live.some((l) => l.user_id === e.object.external_id)).length >= 5 ? true : null), { what: 'live events at Braze' });
    const view = await importFrom(tiny(), TINY, project.id, sync.id, { attributesOnly: false });
    const run = await finished(view.id, 45_000);
    expect(run).toMatchObject({ status: 'COMPLETED', eventsRead: 50, eventsSkipped: 5 });
    const historic = rig.braze.events().filter((e) => String(e.object.time ?? '').startsWith('2026-08-01'));
    expect(historic).toHaveLength(45);
  });

  it('says why Amplitude refused the export, and finishes a range without data', { timeout: 60_000 }, async () => {
    const { project, sync } = await syncFor('key-refusals');
    const refused = await importFrom(tiny(), TINY, project.id, sync.id, { secretKey: 'wrong-secret' });
    expect(await finished(refused.id, 30_000)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('Amplitude refused the API key and secret key (401') });
    const empty = await importFrom(tiny(), { ...TINY, firstHour: new Date(Date.UTC(2025, 0, 1)) }, project.id, sync.id);
    expect(await finished(empty.id, 30_000)).toMatchObject({ status: 'COMPLETED', eventsRead: 0, objectsSent: 0 });
  });
});
