/**
 * A dry run end to end (official Node SDK → ingestion API → worker process → fake Braze over
 * HTTP): a dry-run sync sends nothing, and what it measures equals what its enabled twin — the
 * same settings, another workspace — really sends for the same traffic: events, attribute
 * updates after de-duplication, data points, requests, and the very request body. Once enabled,
 * it sends the values its dry run only pretended to send.
 */
import { createInstance, Identify } from '@amplitude/analytics-node';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { loadDryRunEstimate } from '@/lib/dry-run/estimate';
import { setSyncEnabled } from '@/lib/syncs/repository';
import { TTL_MS as SETTINGS_CACHE_MS } from '@/lib/syncs/runtime';
import { createEnabledSync, createProject } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const LIVE = 'key-dry-run-twin-live';
const DRY = 'key-dry-run-twin-dry';
const rig = pipelineForFile({ queueSuffix: 'dry-run', braze: { keys: [{ key: LIVE }, { key: DRY }] }, workerEnv: { DELIVERY_LINGER_MS: '50' } });

const tracks = (key: string) => rig.braze.requests().filter((r) => r.apiKey === key && r.path === '/users/track');
const objectsOf = (key: string, array: 'events' | 'attributes') =>
  tracks(key).flatMap((r) => ((r.body as Record<string, unknown[]> | null)?.[array] ?? []) as Record<string, unknown>[]);

/** What the live sync delivered, from its own metrics (the product's data point count). */
async function delivered(syncId: string) {
  const rows = await prisma().syncHourMetric.findMany({ where: { syncId } });
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    delivered: sum((r) => r.delivered),
    dataPoints: sum((r) => r.dataPointsSent),
    saved: sum((r) => r.dataPointsSaved),
    requests: sum((r) => r.requests),
  };
}

async function measured(projectId: string, syncId: string, want: { events: number; attributeUpdates: number }) {
  return waitFor(
    async () => {
      const estimate = await loadDryRunEstimate(projectId, syncId);
      const { events, attributeUpdates } = estimate.totals;
      return events === want.events && attributeUpdates === want.attributeUpdates ? estimate : null;
    },
    { what: `the dry run to measure ${want.events} events and ${want.attributeUpdates} attribute updates`, timeoutMs: 30_000 },
  );
}

describe('a dry-run sync', () => {
  it('sends nothing and measures exactly what its enabled twin sends; enabled, it sends what it never really sent', async () => {
    const project = await createProject();
    const settings = {
      sendUsers: true,
      userProperties: ['plan', 'city'],
      eventProperties: { eventProperties: ['page'], userProperties: ['plan'] },
    };
    const live = await createEnabledSync(project.id, rig.braze.url, { ...settings, name: 'Live twin', restApiKey: LIVE });
    const dry = await createEnabledSync(project.id, rig.braze.url, { ...settings, name: 'Dry twin', restApiKey: DRY, enabled: false, dryRun: true });
    expect(dry.status).toBe('DRY_RUN');

    const client = createInstance();
    await client.init(project.apiKey, { serverUrl: `${rig.ingest.url}/2/httpapi`, flushIntervalMillis: 60_000, flushQueueSize: 1_000 }).promise;

    // One upload: two users' updates (3 attributes) and 5 events.
    client.identify(new Identify().set('plan', 'pro').set('city', 'Oslo'), { user_id: 'dr-user-1' });
    client.identify(new Identify().set('plan', 'free'), { user_id: 'dr-user-2' });
    for (let i = 0; i < 5; i++) client.track('Viewed Page', { page: `/p/${i}` }, { user_id: i % 2 ? 'dr-user-2' : 'dr-user-1' });
    await client.flush().promise;
    await measured(project.id, dry.id, { events: 5, attributeUpdates: 2 });
    await waitFor(async () => ((await delivered(live.id)).delivered === 7 ? true : null), { what: 'the live twin to deliver 7 objects' });

    // A second upload: plan set again to the same value (de-duplicated), city changed.
    client.identify(new Identify().set('plan', 'pro').set('city', 'Bergen'), { user_id: 'dr-user-1' });
    for (let i = 0; i < 3; i++) client.track('Viewed Page', { page: `/q/${i}` }, { user_id: 'dr-user-1' });
    await client.flush().promise;
    const estimate = await measured(project.id, dry.id, { events: 8, attributeUpdates: 3 });
    const sent = await waitFor(async () => {
      const d = await delivered(live.id);
      return d.delivered === 11 ? d : null;
    }, { what: 'the live twin to deliver 11 objects' });

    // The fan-out of both uploads is measured: the dry run sent nothing.
    expect(tracks(DRY)).toEqual([]);
    expect(objectsOf(LIVE, 'events')).toHaveLength(estimate.totals.events);
    expect(objectsOf(LIVE, 'attributes')).toHaveLength(estimate.totals.attributeUpdates);
    expect(estimate.totals).toMatchObject({ requests: tracks(LIVE).length, dataPoints: sent.dataPoints, dataPointsSaved: sent.saved });
    expect(estimate.totals).toMatchObject({ events: 8, attributeUpdates: 3, dataPoints: 3 + 8 + 1, dataPointsSaved: 1, requests: 2 });
    expect(estimate.totals.bytes).toBe(tracks(LIVE).reduce((n, r) => n + Buffer.byteLength(r.bodyText ?? ''), 0));
    // A sample is the very body the live twin sent (samples are taken at most once a second).
    expect(estimate.samples.length).toBeGreaterThan(0);
    for (const sample of estimate.samples) expect(tracks(LIVE).map((r) => r.bodyText)).toContain(JSON.stringify(sample.body));
    expect(JSON.stringify(estimate.samples)).not.toContain(DRY);

    // Enabled, the former dry run sends Bergen, which its dry run had only measured; the live twin saves it.
    const enabled = await setSyncEnabled(project.id, dry.id, true);
    await waitFor(() => (Date.now() > enabled.updatedAt.getTime() + SETTINGS_CACHE_MS + 500 ? true : null), { what: 'the worker to see the sync enabled' });
    client.identify(new Identify().set('city', 'Bergen'), { user_id: 'dr-user-1' });
    await client.flush().promise;
    await waitFor(() => (objectsOf(DRY, 'attributes').length === 1 ? true : null), { what: 'the enabled sync to send the update' });
    expect(objectsOf(DRY, 'attributes')).toEqual([{ external_id: 'dr-user-1', home_city: 'Bergen' }]);
    await waitFor(async () => ((await delivered(live.id)).saved === 2 ? true : null), { what: 'the live twin to leave the same value out' });
    expect(objectsOf(LIVE, 'attributes')).toHaveLength(3);
  });
});
