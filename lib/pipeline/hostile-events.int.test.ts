/**
 * Valid events with hostile content — NUL and other control characters, lone surrogates,
 * unicode names, prototype keys — travel the whole pipeline (ingestion, the worker process with
 * its profile store, catalog and attribute cache in Postgres and Redis, Braze): none is lost,
 * none takes a valid neighbour down with it, and the worker keeps going.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toStorableText } from '@/lib/db/storable-text';
import { deliverQueue, ingestQueue } from '@/lib/queue/queues';
import { createEnabledSync, createProject, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const rig = pipelineForFile({ queueSuffix: 'hostile-events', workerEnv: { DELIVERY_LINGER_MS: '50' } });

const HOSTILE = ['nul\u0000inside', 'bell\u0007 esc\u001b', 'lone \ud83d surrogate', '名前 🎉 עברית', '__proto__', 'constructor', 'zero\u200bwidth'];

describe('hostile but valid content', () => {
  it('reaches Braze for every event, and no failed job is left behind', async () => {
    const project = await createProject();
    // Settings are text a person typed: well-formed unicode (lone surrogates only arrive in events).
    const selectable = HOSTILE.filter((s) => toStorableText(s) === s);
    await createEnabledSync(project.id, rig.braze.url, {
      sendUsers: true,
      userProperties: ['plan', ...selectable],
      eventProperties: { eventProperties: ['plain', ...selectable], userProperties: [] },
    });
    const tag = randomBytes(3).toString('hex');
    const t = Date.now() - 60_000;
    const events = HOSTILE.map((s, i) => ({
      user_id: `hostile-${tag}-${i}`,
      event_type: `Event ${s}`,
      time: t + i,
      insert_id: `${tag}-${i}`,
      event_properties: JSON.parse(`{"plain":1,${JSON.stringify(s)}:${JSON.stringify(s)}}`) as Record<string, unknown>,
      user_properties: { $set: JSON.parse(`{"plan":"pro",${JSON.stringify(s)}:${JSON.stringify(s)}}`) as Record<string, unknown> },
    }));
    events.push({ user_id: `hostile-${tag}-plain`, event_type: 'Plain', time: t + 100, insert_id: `${tag}-plain`, event_properties: { plain: 1 }, user_properties: { $set: { plan: 'pro' } } });
    expect((await postEvents(rig.ingest.url, project.apiKey, events)).status).toBe(200);

    const ours = () => rig.braze.events().filter((e) => String(e.object.external_id).startsWith(`hostile-${tag}-`));
    await waitFor(() => ours().length >= events.length, { what: `all ${events.length} events at Braze`, timeoutMs: 30_000 }).catch(() => undefined);
    expect(ours().map((e) => e.object.external_id).sort()).toEqual(events.map((e) => e.user_id).sort());
    for (const e of events) {
      const sent = ours().find((b) => b.object.external_id === e.user_id)!;
      expect(sent.object.name).toBeTypeOf('string');
      expect((sent.object.properties as Record<string, unknown>).plain).toBe(1);
      expect(Object.getPrototypeOf(sent.object.properties)).toBe(Object.prototype);
    }
    // Every user's plan reached Braze as an attribute too.
    await waitFor(() => events.every((e) => rig.braze.attributes().some((a) => a.object.external_id === e.user_id && a.object.plan === 'pro')), {
      what: 'every user attribute at Braze',
      timeoutMs: 15_000,
    });
    const failed = (await ingestQueue().getJobCounts('failed')).failed! + (await deliverQueue().getJobCounts('failed')).failed!;
    expect(failed).toBe(0);
    expect(rig.worker.output()).not.toMatch(/"level":50/);
  });
});
