/**
 * User deletion end to end (User Privacy API on the ingestion host, worker process, Postgres,
 * Redis, fake Braze over HTTP). After a deletion, the test checks each copy of the user:
 *   fake Braze: the profile is gone (the other user's stays);
 *   Postgres: user_profiles `u:<id>`, dead_letters of the user, anonymous_devices linked to it;
 *   Redis, per sync: the attribute cache hash, the user's lease and pending-updates keys, and
 *   the user's objects in the delivery log (the /users/delete call is logged with Braze's answer);
 * and that later events of the user are refused (Amplitude's silenced 400) and counted, its
 * events still queued (a delivery job retrying) are not sent, a Braze 503 on /users/delete is
 * retried to success, a step whose queue job was lost is queued again, and auth and validation
 * errors are answered.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { recordDeadLetters } from '@/lib/dead-letters/record';
import { searchDeliveryLog } from '@/lib/pipeline/deliver/delivery-log';
import { UserLeases } from '@/lib/pipeline/state/user-leases';
import { requeueUnfinishedSteps } from '@/lib/privacy/requeue-steps';
import { rotateDeletionSecret } from '@/lib/privacy/secret-key';
import { privacyQueue, producerConnection } from '@/lib/queue/queues';
import { createEnabledSync, createProject, postEvents } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const rig = pipelineForFile({ queueSuffix: 'deletion', workerEnv: { DELIVERY_LINGER_MS: '50' } });
const prefix = () => process.env.QUEUE_PREFIX!;

function basic(apiKey: string, secret: string): string {
  return `Basic ${Buffer.from(`${apiKey}:${secret}`).toString('base64')}`;
}

async function callPrivacyApi(init: { method?: string; auth?: string; body?: unknown; query?: string; form?: boolean }) {
  const headers: Record<string, string> = {};
  if (init.auth) headers.Authorization = init.auth;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['Content-Type'] = init.form ? 'application/x-www-form-urlencoded' : 'application/json';
    body = init.form ? String(init.body) : JSON.stringify(init.body);
  }
  const res = await fetch(`${rig.ingest.url}/api/2/deletions/users${init.query ?? ''}`, { method: init.method ?? 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & unknown[] };
}

async function setUp() {
  const project = await createProject();
  const { secretKey } = await rotateDeletionSecret(project.id);
  const sync = await createEnabledSync(project.id, rig.braze.url, { sendUsers: true, userProperties: ['plan'] });
  return { project, sync, auth: basic(project.apiKey, secretKey) };
}

const identifyOf = (userId: string, plan: string, i: number) => ({
  user_id: userId,
  event_type: 'Signed In',
  time: Date.UTC(2026, 10, 1, 12, 0, i),
  insert_id: `${userId}-${i}-${Math.random()}`,
  user_properties: { $set: { plan } },
});

async function waitForDeletion(projectId: string) {
  return waitFor(async () => {
    const requests = await prisma().deletionRequest.findMany({ where: { projectId }, include: { steps: true } });
    return requests.length > 0 && requests.every((r) => r.status === 'done') ? requests : null;
  }, { what: 'the deletion to finish', timeoutMs: 30_000 });
}

describe('user deletion', () => {
  it('refuses requests without valid credentials and names the malformed field', async () => {
    const { project, auth } = await setUp();
    expect((await callPrivacyApi({ body: { user_ids: ['a'] } })).status).toBe(401);
    expect((await callPrivacyApi({ auth: basic(project.apiKey, 'wrong-secret'), body: { user_ids: ['a'] } })).status).toBe(401);
    expect((await callPrivacyApi({ auth: basic('unknown-key', 'x'), body: { user_ids: ['a'] } })).status).toBe(401);

    const notArray = await callPrivacyApi({ auth, body: { user_ids: 'a' } });
    expect(notArray).toMatchObject({ status: 400, body: { field: 'user_ids' } });
    expect(String(notArray.body.error)).toMatch(/user_ids/);
    expect(await callPrivacyApi({ auth, body: {} })).toMatchObject({ status: 400, body: { field: 'user_ids' } });
    expect(await callPrivacyApi({ auth, body: { user_ids: ['a'], requester: 42 } })).toMatchObject({ status: 400, body: { field: 'requester' } });
    expect(await callPrivacyApi({ auth, body: { user_ids: Array.from({ length: 101 }, (_, i) => `u${i}`) } })).toMatchObject({ status: 400, body: { field: 'user_ids' } });
    expect(await callPrivacyApi({ method: 'GET', auth, query: '?start_day=2026-01-01' })).toMatchObject({ status: 400, body: { field: 'end_day' } });
    expect(await prisma().deletionRequest.count({ where: { projectId: project.id } })).toBe(0);
  });

  it('deletes the user in Braze and every copy here, then refuses its events during the grace period', async () => {
    const { project, sync, auth } = await setUp();
    const events = [identifyOf('gone-user', 'pro', 1), identifyOf('kept-user', 'free', 2)];
    expect((await postEvents(rig.ingest.url, project.apiKey, events)).status).toBe(200);
    await waitFor(() => {
      const ids = rig.braze.profiles().map((p) => p.external_id);
      return ids.includes('gone-user') && ids.includes('kept-user');
    }, { what: 'both profiles in Braze' });
    const redis = producerConnection();
    const attrsKey = `${prefix()}:attrs:{${sync.id}}:u:gone-user`;
    await waitFor(async () => (await redis.exists(attrsKey)) === 1, { what: 'the attribute cache of the user' });
    // A pending update, a lease and a dead letter of the user, as a retrying delivery leaves them.
    const leases = new UserLeases(redis, prefix(), 60_000);
    await leases.markPending(sync.id, [{ userKey: 'u:gone-user', orderId: 'order-1', receivedAt: Date.now() }], 60_000);
    await leases.tryAcquire({ syncId: sync.id, take: ['u:gone-user'], free: [], owner: 'worker-x' });
    await recordDeadLetters(sync.id, 'rejected', 400, [{ event: { external_id: 'gone-user', name: 'Signed In' }, reason: 'refused', userId: 'gone-user' }]);
    await prisma().anonymousDevice.createMany({ data: [{ syncId: sync.id, deviceId: 'gone-device', externalId: 'gone-user' }, { syncId: sync.id, deviceId: 'kept-device', externalId: 'kept-user' }] });
    expect(await searchDeliveryLog(redis, prefix(), sync.id, { userId: 'gone-user' })).not.toHaveLength(0);

    const answer = await callPrivacyApi({ auth, body: { user_ids: ['gone-user'], requester: 'dpo@example.com' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'staging', user_ids: [{ user_id: 'gone-user', requester: 'dpo@example.com' }] });

    const [request] = await waitForDeletion(project.id);
    expect(request!.steps.map((s) => [s.kind, s.status])).toEqual(expect.arrayContaining([['purge', 'done'], ['forward', 'done']]));
    // Braze
    const ids = rig.braze.profiles().map((p) => p.external_id);
    expect(ids).not.toContain('gone-user');
    expect(ids).toContain('kept-user');
    const deletes = rig.braze.requests().filter((r) => r.path === '/users/delete');
    expect(deletes.map((r) => [r.status, r.body])).toEqual([[202, { external_ids: ['gone-user'] }]]);
    // Postgres
    expect(await prisma().userProfile.findUnique({ where: { projectId_userKey: { projectId: project.id, userKey: 'u:gone-user' } } })).toBeNull();
    expect(await prisma().userProfile.findUnique({ where: { projectId_userKey: { projectId: project.id, userKey: 'u:kept-user' } } })).not.toBeNull();
    expect(await prisma().deadLetter.count({ where: { syncId: sync.id, userId: 'gone-user' } })).toBe(0);
    expect((await prisma().anonymousDevice.findMany({ where: { syncId: sync.id } })).map((d) => d.deviceId)).toEqual(['kept-device']);
    // Redis
    expect(await redis.exists(attrsKey, `${prefix()}:lease:{${sync.id}}:u:gone-user`, `${prefix()}:pending:{${sync.id}}:u:gone-user`)).toBe(0);
    expect(await redis.exists(`${prefix()}:attrs:{${sync.id}}:u:kept-user`)).toBe(1);
    const log = await searchDeliveryLog(redis, prefix(), sync.id, {});
    expect(await searchDeliveryLog(redis, prefix(), sync.id, { userId: 'gone-user' })).toEqual([]);
    expect(await searchDeliveryLog(redis, prefix(), sync.id, { userId: 'kept-user' })).not.toHaveLength(0);
    expect(log.find((e) => e.endpoint === '/users/delete')).toMatchObject({ status: 202, outcome: 'accepted', reason: expect.stringMatching(/"deleted": 1/) });
    expect(JSON.stringify(log)).not.toContain('gone-user');

    // Later events of the user are refused (and counted); the other user's go on.
    const later = await postEvents(rig.ingest.url, project.apiKey, [identifyOf('gone-user', 'pro', 3), identifyOf('kept-user', 'team', 4)]);
    expect(later).toMatchObject({ status: 400, body: { silenced_events: [0], silenced_users: ['gone-user'] } });
    expect(await postEvents(rig.ingest.url, project.apiKey, [identifyOf('kept-user', 'team', 4)])).toMatchObject({ status: 200 });
    const refused = await prisma().refusedUser.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId: 'gone-user' } } });
    expect(refused.refusedEvents).toBe(1);
    expect(refused.until.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    await waitFor(() => rig.braze.profiles().find((p) => p.external_id === 'kept-user')?.custom_attributes.plan === 'team', { what: 'the other user updated' });
    expect(rig.braze.profiles().map((p) => p.external_id)).not.toContain('gone-user');

    // The Amplitude-shaped status listing.
    const day = new Date().toISOString().slice(0, 10);
    const listing = await callPrivacyApi({ method: 'GET', auth, query: `?start_day=${day}&end_day=${day}` });
    expect(listing.status).toBe(200);
    expect(listing.body).toEqual([expect.objectContaining({ day, status: 'done', user_ids: [expect.objectContaining({ user_id: 'gone-user' })] })]);
  });

  it('answers a user it never saw with success and forwards it all the same', async () => {
    const { project, auth } = await setUp();
    const answer = await callPrivacyApi({ auth, body: 'user_ids=never-seen&requester=dpo%40example.com', form: true });
    expect(answer).toMatchObject({ status: 200, body: { user_ids: [{ user_id: 'never-seen' }] } });
    const [request] = await waitForDeletion(project.id);
    expect(request!.steps.find((s) => s.kind === 'forward')).toMatchObject({ status: 'done', deleted: 0 });
  });

  it('does not send the events of the user still queued when it was deleted', async () => {
    const { project, auth } = await setUp();
    // Braze fails the request carrying both users' events, so their delivery job waits to retry.
    rig.braze.injectFaults({ status: 503, count: 3 });
    const events = [identifyOf('queued-gone', 'pro', 6), identifyOf('queued-kept', 'pro', 7)].map((e) => ({ ...e, event_type: 'Queued Event' }));
    expect((await postEvents(rig.ingest.url, project.apiKey, events)).status).toBe(200);
    await waitFor(() => rig.braze.requests().some((r) => r.path === '/users/track' && r.status === 503 && JSON.stringify(r.body).includes('queued-gone')), { what: 'the first refused attempt' });
    expect((await callPrivacyApi({ auth, body: { user_ids: ['queued-gone'] } })).status).toBe(200);

    await waitFor(() => rig.braze.events().some((e) => e.object.external_id === 'queued-kept'), { what: 'the other user\'s event delivered on retry', timeoutMs: 30_000 });
    expect(rig.braze.events().filter((e) => e.object.external_id === 'queued-gone')).toEqual([]);
    await waitForDeletion(project.id);
    expect(rig.braze.profiles().map((p) => p.external_id)).not.toContain('queued-gone');
  });

  it('queues again a step whose job was lost, and leaves live jobs alone', async () => {
    const { project } = await setUp();
    // A recorded deletion whose jobs never reached Redis (as after Redis lost its data).
    await prisma().deletionRequest.create({
      data: { projectId: project.id, userIds: ['lost-user'], amplitudeIds: [], source: 'api', steps: { create: [{ kind: 'purge', payload: { userIds: ['lost-user'], logIdentifiers: {} } }] } },
    });
    expect(await requeueUnfinishedSteps(privacyQueue())).toBeGreaterThanOrEqual(1);
    const [request] = await waitForDeletion(project.id);
    expect(request!.steps).toEqual([expect.objectContaining({ kind: 'purge', status: 'done', attempts: 1 })]);
    await requeueUnfinishedSteps(privacyQueue());
    expect((await prisma().deletionStep.findFirstOrThrow({ where: { requestId: request!.id } })).attempts).toBe(1);
  });

  it('retries /users/delete after Braze 5xx answers until Braze takes it', async () => {
    const { project, auth } = await setUp();
    expect((await postEvents(rig.ingest.url, project.apiKey, [identifyOf('retry-user', 'pro', 5)])).status).toBe(200);
    await waitFor(() => rig.braze.profiles().some((p) => p.external_id === 'retry-user'), { what: 'the profile in Braze' });
    rig.braze.injectFaults({ status: 503, count: 2 });
    expect((await callPrivacyApi({ auth, body: { user_ids: ['retry-user'] } })).status).toBe(200);

    const [request] = await waitForDeletion(project.id);
    const forward = request!.steps.find((s) => s.kind === 'forward')!;
    expect(forward).toMatchObject({ status: 'done', deleted: 1 });
    expect(forward.attempts).toBe(3);
    const statuses = rig.braze.requests().filter((r) => r.path === '/users/delete' && JSON.stringify(r.body).includes('retry-user')).map((r) => r.status);
    expect(statuses).toEqual([503, 503, 202]);
    expect(rig.braze.profiles().map((p) => p.external_id)).not.toContain('retry-user');
  });
});
