/**
 * Health states and alerts with the real worker, the fake Braze and a local webhook receiver:
 * a Braze outage makes a sync fail and sends one alert; the recovery sends one more once it
 * held; a second outage soon after (a flapping sync) sends nothing more within the repeat
 * window; a sync switched to dry run and back alerts nothing. A second sync is the witness: its own alerts, sent by later checks, prove each check
 * that would have alerted the flapping sync has run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAlertSettings } from '@/lib/alerts/settings';
import { alertSettingsSchema } from '@/lib/alerts/settings-schema';
import { startScriptedServer, type ScriptedServer } from '@/test/fakes/scripted-braze';
import { prisma } from '@/lib/db/prisma';
import { setSyncEnabled } from '@/lib/syncs/repository';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

// Read once per process, before anything reads the configuration.
process.env.ALERT_WEBHOOK_ALLOW_HTTP = '127.0.0.1';

const HOLD_S = 3;
const rig = pipelineForFile({
  queueSuffix: 'alerts',
  workerEnv: {
    DELIVERY_LINGER_MS: '30',
    ALERT_WEBHOOK_ALLOW_HTTP: '127.0.0.1',
    HEALTH_CHECK_INTERVAL_MS: '500',
    HEALTH_RECENT_WINDOW_SECONDS: '4',
    HEALTH_FAILURE_WINDOW_SECONDS: '20',
    ALERT_RECOVERY_HOLD_SECONDS: String(HOLD_S),
    ALERT_REPEAT_MINUTES: '10',
  },
});

interface Received {
  text: string;
  event: string;
  sync: { id: string; name: string };
  state: string;
  previousState: string | null;
  reason: string;
}

let receiver: ScriptedServer;
const alertsOf = (syncId: string) => receiver.requests.map((r) => JSON.parse(r.body) as Received).filter((a) => a.sync.id === syncId);
const healthOf = (syncId: string) => prisma().syncHealth.findUnique({ where: { syncId } });

beforeAll(async () => {
  receiver = await startScriptedServer(() => ({ status: 200, body: 'ok' }));
});

afterAll(async () => {
  await receiver?.close();
});

/** A sync and its witness, each in a project of its own that alerts the receiver, both judged healthy. */
async function syncAndWitness(name: string) {
  const [project, other] = [await createProject(), await createProject()];
  for (const p of [project, other]) await saveAlertSettings(p.id, alertSettingsSchema.parse({ webhookUrl: `${receiver.baseUrl}/hook` }));
  const sync = await createEnabledSync(project.id, rig.braze.url, { name });
  // In another project, so it gets none of the events.
  const witness = await createEnabledSync(other.id, rig.braze.url, { name: `${name} witness` });
  // Both start healthy, which is no news.
  await waitFor(async () => (await healthOf(sync.id))?.alertedState === 'HEALTHY' && (await healthOf(witness.id))?.alertedState === 'HEALTHY', { what: 'first verdicts' });
  return { project, other, sync, witness };
}

describe('sync health alerts', () => {
  it('alerts once when Braze fails, once on recovery, and not again while the sync flaps', async () => {
    const { project, other, sync, witness } = await syncAndWitness('Flapping');

    // Braze fails every request: the sync fails and one alert says so.
    rig.braze.injectFaults({ status: 503, count: 100_000 });
    expect((await postEvents(rig.ingest.url, project.apiKey, makeEvents(10))).status).toBe(200);
    const failing = await waitFor(() => alertsOf(sync.id).find((a) => a.state === 'failing'), { what: 'the failing alert' });
    expect(failing.text).toMatch(/"Flapping" is failing/);
    expect(failing.reason).toMatch(/Nothing was delivered/);
    expect(failing.previousState).toBe('healthy');
    expect(alertsOf(sync.id)).toHaveLength(1);
    expect((await healthOf(sync.id))?.state).toBe('FAILING');

    // Braze recovers: the events are delivered, and once healthy held, a recovery alert arrives.
    rig.braze.reset();
    const recovery = await waitFor(() => alertsOf(sync.id).find((a) => a.state === 'healthy'), { what: 'the recovery alert', timeoutMs: 60_000 });
    expect(recovery.text).toMatch(/"Flapping" is healthy again/);
    expect(rig.braze.events()).toHaveLength(10);
    const health = (await healthOf(sync.id))!;
    expect(health.state).toBe('HEALTHY');
    expect(Date.now() - health.since.getTime()).toBeGreaterThanOrEqual(HOLD_S * 1000);
    const states = alertsOf(sync.id).map((a) => a.state);
    // On the way back the sync may pass through degraded (deliveries while retries are recent).
    expect([['failing', 'healthy'], ['failing', 'degraded', 'healthy']]).toContainEqual(states);

    // It fails again within the repeat window: the state changes, but no second failing alert.
    rig.braze.injectFaults({ status: 503, count: 100_000 });
    const failedBefore = (await healthOf(sync.id))!.since;
    expect((await postEvents(rig.ingest.url, project.apiKey, makeEvents(10))).status).toBe(200);
    await waitFor(async () => {
      const h = await healthOf(sync.id);
      return h?.state === 'FAILING' && h.since > failedBefore;
    }, { what: 'the second failure' });
    // The witness is disabled after that check: the check that alerts for it also judged the flapping sync.
    await setSyncEnabled(other.id, witness.id, false);
    await waitFor(() => alertsOf(witness.id).find((a) => a.state === 'paused'), { what: "the witness's paused alert" });
    expect(alertsOf(sync.id).map((a) => a.state)).toEqual(states);

    // And recovers again: the receiver last heard "healthy", so there is nothing to say.
    rig.braze.reset();
    await waitFor(async () => {
      const h = await healthOf(sync.id);
      return h?.state === 'HEALTHY' && Date.now() - h.since.getTime() > HOLD_S * 1000;
    }, { what: 'the second recovery held', timeoutMs: 60_000 });
    await setSyncEnabled(other.id, witness.id, true);
    await waitFor(() => alertsOf(witness.id).find((a) => a.state === 'healthy'), { what: "the witness's recovery alert" });
    expect(alertsOf(sync.id).map((a) => a.state)).toEqual(states);
    await waitFor(() => rig.braze.events().length === 10, { what: 'the second events delivered' });
  });

  it('never alerts on a sync switched to dry run, nor when it comes back', async () => {
    const { project, other, sync, witness } = await syncAndWitness('Measured');

    await setSyncEnabled(project.id, sync.id, false, true);
    await waitFor(async () => ((await healthOf(sync.id))?.state === 'DRY_RUN' ? true : null), { what: 'the dry-run verdict' });
    // Disabled after the dry-run verdict: the check that alerts for it also judged the dry run again.
    await setSyncEnabled(other.id, witness.id, false);
    await waitFor(() => alertsOf(witness.id).find((a) => a.state === 'paused'), { what: "the witness's paused alert" });
    const health = (await healthOf(sync.id))!;
    expect(health).toMatchObject({ state: 'DRY_RUN', alertedState: 'HEALTHY', reason: expect.stringMatching(/^Dry run/) });

    // Back to sending: healthy is what the receiver last heard, so still nothing to say.
    await setSyncEnabled(project.id, sync.id, true);
    await waitFor(async () => ((await healthOf(sync.id))?.state === 'HEALTHY' ? true : null), { what: 'the sync healthy again' });
    await setSyncEnabled(other.id, witness.id, true);
    await waitFor(() => alertsOf(witness.id).find((a) => a.state === 'healthy'), { what: "the witness's recovery alert" });
    expect(alertsOf(sync.id)).toEqual([]);
  });
});
