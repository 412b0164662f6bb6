/**
 * Forward to Amplitude through the real pipeline: the ingestion API in the test process, a
 * worker process, the fake Braze and the fake Amplitude over HTTP. Every accepted request's
 * events, identifies and group identifies reach Amplitude unchanged (same insert_id), with the
 * client's address as `ip`; Braze gets the events too; a 400 naming events splits them out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { saveForwardSettings } from '@/lib/forward/settings';
import { forwardQueue } from '@/lib/queue/queues';
import { startFakeAmplitude, type FakeAmplitude } from '@/test/fakes/amplitude';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { freePort } from '@/test/free-port';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const amplitudeUrl = `http://127.0.0.1:${await freePort()}`;
let amplitude: FakeAmplitude;
beforeAll(async () => {
  amplitude = await startFakeAmplitude({ port: Number(new URL(amplitudeUrl).port) });
  process.env.AMPLITUDE_CUSTOM_ENDPOINTS = amplitudeUrl;
});
afterAll(() => amplitude?.close());
const rig = pipelineForFile({ queueSuffix: 'forward', braze: { keys: [{ key: 'fake-rest-api-key' }] }, workerEnv: { AMPLITUDE_CUSTOM_ENDPOINTS: amplitudeUrl } });
beforeEach(() => amplitude.reset());

async function forwardingProject(apiKey = '') {
  const project = await createProject();
  await saveForwardSettings(project.id, { enabled: true, region: amplitudeUrl, apiKey, useIngestionKey: false });
  return project;
}

/** Ingestion reloads which projects forward every second: wait until a probe event is forwarded. */
async function untilForwarding(project: { apiKey: string }) {
  await waitFor(async () => {
    const [probe] = makeEvents(1, { eventType: 'Probe' });
    await postEvents(rig.ingest.url, project.apiKey, [probe]);
    return waitFor(() => amplitude.events().some((e) => e.event.insert_id === probe!.insert_id), { timeoutMs: 1_500 }).catch(() => false);
  });
}

const form = (path: string, apiKey: string, identification: unknown) =>
  fetch(`${rig.ingest.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ api_key: apiKey, identification: JSON.stringify(identification) }) });

describe('forward to Amplitude', () => {
  it('forwards every accepted event unchanged, with the client address as ip, and Braze gets them too', async () => {
    const project = await forwardingProject('amplitude-key-of-the-project');
    await createEnabledSync(project.id, rig.braze.url);
    await untilForwarding(project);
    const events = makeEvents(30);
    events[1] = { ...events[1]!, ip: '$remote' } as (typeof events)[number];
    events[2] = { ...events[2]!, ip: '203.0.113.9' } as (typeof events)[number];
    expect((await postEvents(rig.ingest.url, project.apiKey, events)).status).toBe(200);
    const ids = new Set(events.map((e) => e.insert_id));
    const received = await waitFor(() => {
      const ours = amplitude.events().filter((e) => ids.has(String(e.event.insert_id)));
      return ours.length === events.length ? ours : null;
    });
    expect(received.every((e) => e.apiKey === 'amplitude-key-of-the-project' && e.path === '/2/httpapi')).toBe(true);
    const byId = new Map<unknown, Record<string, unknown>>(received.map((e) => [e.event.insert_id, e.event]));
    expect(byId.get(events[0]!.insert_id)).toMatchObject({ ...events[0], ip: '127.0.0.1' });
    expect(byId.get(events[1]!.insert_id)?.ip).toBe('127.0.0.1');
    expect(byId.get(events[2]!.insert_id)?.ip).toBe('203.0.113.9');
    await waitFor(() => rig.braze.events().filter((b) => b.object.name !== 'Probe').length === events.length, { what: 'the events at Braze' });
    const forwarded = await waitFor(async () => {
      const rows = await prisma().forwardMinuteMetric.findMany({ where: { projectId: project.id } });
      const n = rows.reduce((sum, r) => sum + r.forwarded, 0);
      return n >= events.length + 1 ? n : null;
    });
    expect(forwarded).toBeGreaterThanOrEqual(events.length + 1);
  });

  it('forwards identifies and group identifies to their own APIs, with the ingestion key by default', async () => {
    const project = await forwardingProject();
    await untilForwarding(project);
    expect((await form('/identify', project.apiKey, { user_id: 'user-identify-1', user_properties: { $set: { plan: 'pro' } } })).status).toBe(200);
    expect((await form('/groupidentify', project.apiKey, { group_type: 'org', group_value: 'acme', group_properties: { $set: { size: 5 } } })).status).toBe(200);
    const ids = await waitFor(() => (amplitude.identifications().length === 2 ? amplitude.identifications() : null));
    expect(ids.map((i) => [i.kind, i.apiKey, i.identification])).toEqual(
      expect.arrayContaining([
        ['identify', project.apiKey, { user_id: 'user-identify-1', user_properties: { $set: { plan: 'pro' } } }],
        ['groupidentify', project.apiKey, { group_type: 'org', group_value: 'acme', group_properties: { $set: { size: 5 } } }],
      ]),
    );
  });

  it('records the events a 400 names as failures with Amplitude\'s answer and forwards the rest', async () => {
    const project = await forwardingProject();
    await untilForwarding(project);
    const events = makeEvents(10);
    amplitude.setInvalidInsertIds([events[3]!.insert_id, events[7]!.insert_id]);
    expect((await postEvents(rig.ingest.url, project.apiKey, events)).status).toBe(200);
    const failures = await waitFor(async () => {
      const rows = await prisma().forwardFailure.findMany({ where: { projectId: project.id } });
      return rows.length === 2 ? rows : null;
    });
    expect(failures.map((f) => f.insertId).sort()).toEqual([events[3]!.insert_id, events[7]!.insert_id].sort());
    expect(failures[0]!.status).toBe(400);
    expect(JSON.parse(failures[0]!.answer)).toMatchObject({ code: 400, error: 'Invalid field values on some events', events_with_invalid_fields: { time: [3, 7] } });
    const rest = events.filter((_, i) => i !== 3 && i !== 7).map((e) => e.insert_id);
    await waitFor(() => rest.every((id) => amplitude.events().some((e) => e.event.insert_id === id)));
    expect(amplitude.events().filter((e) => [events[3]!.insert_id, events[7]!.insert_id].includes(String(e.event.insert_id)))).toEqual([]);
  });

  it('queues nothing for Amplitude when the project does not forward', async () => {
    const project = await createProject();
    const before = await forwardQueue().getJobCounts('wait', 'active', 'delayed', 'completed');
    expect((await postEvents(rig.ingest.url, project.apiKey, makeEvents(5))).status).toBe(200);
    // The answer comes after the jobs are in Redis: a forward job would be counted already.
    const after = await forwardQueue().getJobCounts('wait', 'active', 'delayed', 'completed');
    expect(after).toEqual(before);
  });
});
