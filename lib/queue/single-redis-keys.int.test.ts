/**
 * One partition on one Redis (the default, and every installation from before partitions): the
 * whole pipeline writes its keys under `QUEUE_PREFIX` exactly as it always did, so existing
 * queues and state keep working after an upgrade with no migration.
 */
import { describe, expect, it } from 'vitest';
import { producerConnection } from '@/lib/queue/queues';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const rig = pipelineForFile({ queueSuffix: 'single-keys', workerEnv: { DELIVERY_LINGER_MS: '30' } });

async function keysUnder(match: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await producerConnection().scan(cursor, 'MATCH', match, 'COUNT', 1000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

describe('one partition on one Redis', () => {
  it("names every key as before partitions: queues, claims and per-user state under QUEUE_PREFIX, no partition's tag", async () => {
    const prefix = process.env.QUEUE_PREFIX!;
    const project = await createProject();
    const sync = await createEnabledSync(project.id, rig.braze.url, { sendUsers: true, userProperties: ['plan'] });
    const events = makeEvents(20, { users: 5 }).map((e, i) => (i < 5 ? { ...e, user_properties: { $set: { plan: 'pro' } } } : e));
    expect((await postEvents(rig.ingest.url, project.apiKey, events)).status).toBe(200);
    await waitFor(() => rig.braze.events().length >= 20, { what: 'the events delivered' });

    // Each kind of key, in the layout existing installations hold.
    const escaped = prefix.replace(/[-]/g, '\\-');
    const expected = [
      new RegExp(`^${escaped}:ingest:(id|events|meta)$`),
      new RegExp(`^${escaped}:deliver:(id|events|meta)$`),
      new RegExp(`^${escaped}:dedup:\\{${project.id}\\}:`),
      // Named by the delivery job's id derived from its ingest job (lib/pipeline/fan-out).
      new RegExp(`^${escaped}:sent:\\d+:${sync.id}:\\d+$`),
      new RegExp(`^${escaped}:attrs:\\{${sync.id}\\}:u:user-`),
      new RegExp(`^${escaped}:order-done:\\{${sync.id}\\}:`),
      new RegExp(`^${escaped}:delivery-log:\\{${sync.id}\\}$`),
      new RegExp(`^${escaped}:ratelimit:`),
    ];
    // Some keys (a finished job's order record) are written after Braze's answer: wait for each.
    let keys: string[] = [];
    const missing = () => expected.filter((pattern) => !keys.some((k) => pattern.test(k)));
    await waitFor(
      async () => {
        keys = await keysUnder(`*${prefix}*`);
        return missing().length === 0;
      },
      { what: 'a key of each kind' },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; none matched ${missing().join(', ')}`);
    });
    expect(keys.filter((k) => k.includes(`{${prefix}:p`))).toEqual([]);
    expect(keys.every((k) => k.startsWith(`${prefix}:`) || k.startsWith(`${prefix}-`))).toBe(true);
  });
});
