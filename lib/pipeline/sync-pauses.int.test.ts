/**
 * Syncs that cannot send are paused with the reason and their events wait, queued — never
 * dead-lettered, never counted as requests to Braze or as Braze's refusal — until the cause is
 * fixed; then everything that waited is delivered with no replay. End to end: ingestion, real
 * worker processes, Postgres, Redis, fake Braze over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { HeldJobs } from '@/lib/pipeline/deliver/held-jobs';
import { closeQueues, deliverQueue, producerConnection } from '@/lib/queue/queues';
import { updateSync } from '@/lib/syncs/repository';
import { updateSyncSchema } from '@/lib/syncs/schema';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { startIngestServer, type IngestServer } from '@/test/ingest-server';
import { startProcess, waitFor, waitForOutput, type RunningProcess } from '@/test/processes';

const EVENTS = 120;
let braze: FakeBraze;
let ingest: IngestServer;
let worker: RunningProcess | undefined;

beforeAll(async () => {
  braze = await startFakeBraze({ keys: [{ key: 'fake-rest-api-key' }, { key: 'good-key' }, { key: 'no-track-key', permissions: ['users.export.ids'] }] });
  // The test process (which saves syncs) allows the fake; each worker is told what it allows.
  process.env.BRAZE_CUSTOM_ENDPOINTS = braze.url;
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-pauses`;
  ingest = await startIngestServer();
});

afterEach(async () => {
  await worker?.kill('SIGTERM');
  worker = undefined;
  braze.reset();
});

afterAll(async () => {
  await ingest?.close();
  await braze?.close();
  await closeQueues();
  await disconnectPrisma();
});

async function startWorker(env: Record<string, string>): Promise<RunningProcess> {
  await worker?.kill('SIGTERM');
  worker = startProcess('worker/main.ts', { QUEUE_PREFIX: process.env.QUEUE_PREFIX!, LOG_LEVEL: 'info', DELIVERY_LINGER_MS: '20', ...env });
  await waitForOutput(worker, /worker started/);
  return worker;
}

/** Objects of the sync's delivery jobs that wait for it to resume. */
async function heldObjects(syncId: string): Promise<number> {
  const ids = await new HeldJobs(producerConnection(), process.env.QUEUE_PREFIX!).jobIds(syncId);
  const jobs = await Promise.all(ids.map((id) => deliverQueue().getJob(id)));
  const states = await Promise.all(ids.map((id) => deliverQueue().getJobState(id)));
  return states.every((s) => s === 'delayed') ? jobs.reduce((n, job) => n + (job?.data.items.length ?? 0), 0) : 0;
}

async function countersOf(syncId: string) {
  const rows = await prisma().syncMinuteMetric.findMany({ where: { syncId } });
  const sum = (k: 'delivered' | 'notDelivered' | 'expired' | 'requests') => rows.reduce((n, r) => n + r[k], 0);
  return { delivered: sum('delivered'), notDelivered: sum('notDelivered'), expired: sum('expired'), requests: sum('requests') };
}

const deadLetters = (syncId: string) => prisma().deadLetter.count({ where: { syncId } });
const syncRow = (syncId: string) => prisma().sync.findUniqueOrThrow({ where: { id: syncId } });

async function sendEvents(apiKey: string): Promise<void> {
  const events = makeEvents(EVENTS, { users: 30, baseTime: Date.UTC(2026, 10, 2) + Math.floor(Math.random() * 1e9) });
  for (let i = 0; i < EVENTS; i += 40) expect((await postEvents(ingest.url, apiKey, events.slice(i, i + 40))).status).toBe(200);
}

/** Every event waits in a held job, the sync says why, and nothing reached Braze or the dead letters. */
async function expectHeld(syncId: string, reason: RegExp, cause: 'BRAZE' | 'CONFIGURATION', brazeTrack: number) {
  await waitFor(async () => (await heldObjects(syncId)) === EVENTS, { what: `all ${EVENTS} events held`, timeoutMs: 30_000 });
  const row = await syncRow(syncId);
  expect(row).toMatchObject({ status: 'ENABLED', pauseCause: cause });
  expect(row.pausedReason).toMatch(reason);
  expect(await deadLetters(syncId)).toBe(0);
  expect(braze.events()).toHaveLength(0);
  expect(braze.requests().filter((r) => r.path === '/users/track')).toHaveLength(brazeTrack);
}

/** Everything that waited arrives once; the sync is enabled again; still no dead letter. */
async function expectAllDelivered(syncId: string) {
  await waitFor(() => braze.events().length >= EVENTS, { what: `all ${EVENTS} events at Braze`, timeoutMs: 30_000 });
  expect(braze.events()).toHaveLength(EVENTS);
  expect(new Set(braze.events().map((e) => JSON.stringify(e.object))).size).toBe(EVENTS);
  expect(await syncRow(syncId)).toMatchObject({ status: 'ENABLED', pausedReason: null, pauseCause: null });
  expect(await deadLetters(syncId)).toBe(0);
  await waitFor(async () => (await countersOf(syncId)).delivered === EVENTS, { what: 'delivered counted' });
  expect(await countersOf(syncId)).toMatchObject({ notDelivered: 0, expired: 0 });
}

describe('a sync this installation cannot send for', () => {
  it('on a custom endpoint the worker does not allow: paused, events held; allowed after a restart, everything arrives', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url);
    await startWorker({ BRAZE_CUSTOM_ENDPOINTS: '' });
    await sendEvents(project.apiKey);

    await expectHeld(sync.id, /does not allow the Braze endpoint .*BRAZE_CUSTOM_ENDPOINTS/, 'CONFIGURATION', 0);
    await worker!.kill('SIGTERM'); // Its counters are written as it stops.
    expect(await countersOf(sync.id)).toEqual({ delivered: 0, notDelivered: 0, expired: 0, requests: 0 });

    await startWorker({ BRAZE_CUSTOM_ENDPOINTS: braze.url });
    await expectAllDelivered(sync.id);
  });

  it('whose stored key was sealed with an encryption key the worker lacks: paused, events held; resumed once the key is configured', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url);
    const sealedWith = process.env.ENCRYPTION_KEY!;
    const otherKey = randomBytes(32).toString('base64');
    await startWorker({ BRAZE_CUSTOM_ENDPOINTS: braze.url, ENCRYPTION_KEY: otherKey, ENCRYPTION_KEY_PREVIOUS: '' });
    await sendEvents(project.apiKey);

    await expectHeld(sync.id, /cannot open the stored REST API key .*ENCRYPTION_KEY_PREVIOUS/, 'CONFIGURATION', 0);
    await worker!.kill('SIGTERM');
    expect(await countersOf(sync.id)).toEqual({ delivered: 0, notDelivered: 0, expired: 0, requests: 0 });

    await startWorker({ BRAZE_CUSTOM_ENDPOINTS: braze.url, ENCRYPTION_KEY: otherKey, ENCRYPTION_KEY_PREVIOUS: sealedWith });
    await expectAllDelivered(sync.id);
  });
});

describe('a sync whose REST API key Braze refuses', () => {
  it.each([
    ['401 for a revoked key', 'revoked-key', 401],
    ['403 for a key without the users.track permission', 'no-track-key', 403],
  ])('answered %s: paused with Braze\'s reason, events held; saved with a working key, all delivered with no replay', async (_, badKey, status) => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url, { restApiKey: badKey });
    await startWorker({ BRAZE_CUSTOM_ENDPOINTS: braze.url });
    await sendEvents(project.apiKey);

    await waitFor(async () => (await heldObjects(sync.id)) === EVENTS, { what: 'all events held', timeoutMs: 30_000 });
    const refused = braze.requests().filter((r) => r.path === '/users/track');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === status)).toBe(true);
    await expectHeld(sync.id, new RegExp(`Braze answered ${status}`), 'BRAZE', refused.length);

    // What Save in the sync's settings does with a new key.
    await updateSync(project.id, sync.id, updateSyncSchema.parse({ name: sync.name, enabled: true, brazeEndpoint: braze.url, appId: sync.appId, restApiKey: 'good-key' }));
    await expectAllDelivered(sync.id);
    expect(braze.events().every((e) => e.apiKey === 'good-key')).toBe(true);
  });
});

describe('a pause longer than the retry period', () => {
  it('does not use the period up: after the fix, a 503 on the first request is retried, not expired', async () => {
    const project = await createProject();
    const sync = await createEnabledSync(project.id, braze.url, { restApiKey: 'revoked-key' });
    const retryPeriodMs = 0.002 * 3_600_000;
    await startWorker({ BRAZE_CUSTOM_ENDPOINTS: braze.url, DELIVERY_MAX_RETRY_HOURS: '0.002' });
    const sentAt = Date.now();
    await sendEvents(project.apiKey);
    await waitFor(async () => (await heldObjects(sync.id)) === EVENTS, { what: 'all events held' });
    await waitFor(() => Date.now() - sentAt > retryPeriodMs + 1_000, { what: 'the retry period over', timeoutMs: retryPeriodMs + 5_000 });

    braze.injectFaults({ status: 503 });
    await updateSync(project.id, sync.id, updateSyncSchema.parse({ name: sync.name, enabled: true, brazeEndpoint: braze.url, appId: sync.appId, restApiKey: 'good-key' }));
    await expectAllDelivered(sync.id);
    expect(braze.requests().filter((r) => r.path === '/users/track' && r.status === 503)).toHaveLength(1);
  });
});
