/**
 * Outbound requests go only to allow-listed Braze hosts. A canary server stands for "anywhere
 * else"; smuggled URLs are tried through every input that can carry one — saving a sync (API
 * and CLI), editing it, Test connection, the stored row itself (tampered with in the database,
 * then used by a real worker), and a Braze-like endpoint answering with a redirect. The canary
 * never hears from us, and nothing in this process calls any host but the allowed ones.
 */
import { startScriptedServer, type ScriptedServer } from '@/test/fakes/scripted-braze';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { closeQueues } from '@/lib/queue/queues';
import { createEnabledSync, createProject, makeEvents, postEvents } from '@/test/fixtures';
import { startIngestServer, type IngestServer } from '@/test/ingest-server';
import { callRoute, loadApiRoutes, signInAsAdmin, type ApiRoute } from '@/test/management-api';
import { startProcess, waitFor, waitForOutput } from '@/test/processes';

let canary: ScriptedServer;
let redirector: ScriptedServer;
let braze: FakeBraze;
let routes: ApiRoute[];
let cookie: string;
const unexpectedFetches: string[] = [];
const realFetch = globalThis.fetch;
/** What this process may call: the allowed Braze endpoints, and the test's own ingestion server. */
const reachable: string[] = [];

beforeAll(async () => {
  canary = await startScriptedServer(() => ({ status: 200, body: { message: 'success' } }));
  braze = await startFakeBraze();
  // Allowed, but answers every call with a redirect to the canary.
  redirector = await startScriptedServer(() => ({ status: 307, headers: { location: `${canary.baseUrl}/users/track` }, body: '' }));
  process.env.BRAZE_CUSTOM_ENDPOINTS = `${braze.url},${redirector.baseUrl}`;
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-allowlist`;
  // Whatever this process would call besides the allowed endpoints is recorded and not sent.
  reachable.push(braze.url, redirector.baseUrl);
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!reachable.some((a) => url.startsWith(`${a}/`))) {
      unexpectedFetches.push(url);
      return Promise.reject(new TypeError('blocked by the test'));
    }
    return realFetch(input, init);
  };
  routes = await loadApiRoutes();
  cookie = await signInAsAdmin();
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await canary?.close();
  await redirector?.close();
  await braze?.close();
  await closeQueues();
  await disconnectPrisma();
});

/** URLs that must never be called, each a different way of hiding the canary. */
function smuggled(): string[] {
  const canaryUrl = new URL(canary.baseUrl);
  const C = canaryUrl.port;
  const F = braze.url;
  return [
    canary.baseUrl,
    `${canary.baseUrl}/`,
    `${F}@127.0.0.1:${C}`,
    `http://fake-rest-api-key@127.0.0.1:${C}`,
    `${canary.baseUrl}#${F}`,
    `${F}#@127.0.0.1:${C}`,
    `${F}?next=${canary.baseUrl}`,
    `${F}/../../`,
    `${F}/users/track`,
    `${F}\\@127.0.0.1:${C}`,
    `${F}%2F@127.0.0.1:${C}`,
    `${canary.baseUrl}\t`,
    `\n${canary.baseUrl}`,
    `http://localhost:${C}`,
    `http://[::1]:${C}`,
    `http://[::ffff:127.0.0.1]:${C}`,
    `http://2130706433:${C}`,
    `http://0x7f000001:${C}`,
    `http://0177.0.0.1:${C}`,
    `http://127.1:${C}`,
    `http://127.0.0.01:${C}`,
    `HTTP://127.0.0.1:${C}`,
    `//127.0.0.1:${C}`,
    `127.0.0.1:${C}`,
    `http://127\u30020\u30020\u30021:${C}`,
    `http://127.0.0.1%3A${C}`,
    `${F}:${C}`,
    `${F.replace(/:(\d+)$/, `:${C}`)}`,
    `https://rest.iad-01.braze.com@127.0.0.1:${C}`,
    `https://rest.iad-01.braze.com.127.0.0.1.nip.io:${C}`,
    `https://rest.iad-01.braze.com:${C}`,
    `http://rest.iad-01.braze.com`,
    `https://rest.iad-01.br\u0430ze.com`,
    `https://rest.iad-01.braze.com/users/track?u=${canary.baseUrl}`,
    `file:///etc/passwd`,
    `gopher://127.0.0.1:${C}/_`,
    `javascript:fetch('${canary.baseUrl}')`,
    `data:text/plain,${canary.baseUrl}`,
  ];
}

const syncBody = (brazeEndpoint: string) => ({ name: 'Smuggle', enabled: true, brazeEndpoint, restApiKey: 'fake-rest-api-key' });
const route = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)!;

describe('outbound allow-list', () => {
  it('refuses every smuggled URL when a sync is saved, edited or tested, and calls nothing', async () => {
    const existing = (await (await callRoute(route('POST', '/api/syncs'), { cookie, body: syncBody(braze.url) })).json()) as { id: string };
    expect(existing.id).toBeTruthy();
    const before = await prisma().sync.count();
    for (const url of smuggled()) {
      // Refused, or (`…/../`) read as the allowed endpoint itself and stored in its plain form.
      for (const [what, res] of [
        ['create', await callRoute(route('POST', '/api/syncs'), { cookie, body: syncBody(url) })],
        ['edit', await callRoute(route('PUT', '/api/syncs/[id]'), { cookie, params: { id: existing.id }, body: syncBody(url) })],
      ] as const) {
        const answer = (await res.json()) as { id?: string; brazeEndpoint?: string };
        if (res.status !== 400) expect([res.status, answer.brazeEndpoint], `${what} ${JSON.stringify(url)}`).toEqual([what === 'create' ? 201 : 200, braze.url]);
        if (what === 'create' && answer.id) await callRoute(route('DELETE', '/api/syncs/[id]'), { cookie, params: { id: answer.id } });
      }
      for (const body of [{ restApiKey: 'fake-rest-api-key' }, { syncId: existing.id }]) {
        const tested = await callRoute(route('POST', '/api/syncs/test-connection'), { cookie, body: { brazeEndpoint: url, ...body } });
        // Refused, or (`…/../`) tested against the allowed endpoint itself.
        if (tested.status !== 400) expect([tested.status, url.startsWith(`${braze.url}/`)], `test connection ${JSON.stringify(url)}`).toEqual([200, true]);
      }
    }
    expect(await prisma().sync.count()).toBe(before);
    expect((await prisma().sync.findUnique({ where: { id: existing.id } }))?.brazeEndpoint).toBe(braze.url);
    expect(unexpectedFetches).toEqual([]);
    expect(canary.requests).toEqual([]);
  });

  it('refuses a smuggled URL on the command line', async () => {
    const cli = startProcess('scripts/syncs.ts', { BRAZE_CUSTOM_ENDPOINTS: braze.url }, ['create', '--name', 'Smuggle', '--endpoint', `${braze.url}@${new URL(canary.baseUrl).host}`, '--rest-api-key', 'k', '--enable']);
    expect(await cli.exited).not.toBe(0);
    expect(cli.output()).toMatch(/endpoint/i);
  });

  it('does not follow a redirect from an allowed endpoint (Test connection)', async () => {
    const res = await callRoute(route('POST', '/api/syncs/test-connection'), { cookie, body: { brazeEndpoint: redirector.baseUrl, restApiKey: 'fake-rest-api-key' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
    expect(redirector.requests.length).toBeGreaterThan(0);
    expect(canary.requests).toEqual([]);
  });

  it('sends nothing anywhere else when the stored endpoint was tampered with, nor follows a redirect (worker)', async () => {
    let ingest: IngestServer | undefined;
    const worker = startProcess('worker/main.ts', { BRAZE_CUSTOM_ENDPOINTS: process.env.BRAZE_CUSTOM_ENDPOINTS!, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, DELIVERY_LINGER_MS: '20', LOG_LEVEL: 'info' });
    try {
      ingest = await startIngestServer();
      reachable.push(ingest.url);
      await waitForOutput(worker, /worker started/);
      const project = await createProject();
      const tampered = await createEnabledSync(project.id, braze.url);
      const redirected = await createEnabledSync(project.id, redirector.baseUrl);
      // Someone with database access points the stored sync at the canary, past every form.
      const client = new pg.Client({ connectionString: env().DATABASE_URL });
      await client.connect();
      await client.query('UPDATE syncs SET braze_endpoint = $1 WHERE id = $2', [canary.baseUrl, tampered.id]);
      await client.end();
      expect((await postEvents(ingest.url, project.apiKey, makeEvents(10))).status).toBe(200);
      // The worker pauses the tampered sync for its configuration before sending anything.
      const paused = await waitFor(
        async () => {
          const row = await prisma().sync.findUnique({ where: { id: tampered.id } });
          return row?.pausedReason ? row : null;
        },
        { what: 'the tampered sync paused', timeoutMs: 30_000 },
      );
      expect(paused.pauseCause).toBe('CONFIGURATION');
      expect(paused.pausedReason).toMatch(/allow|endpoint/i);
      await waitFor(() => redirector.requests.some((r) => r.url === '/users/track') || null, { what: 'the redirecting endpoint called', timeoutMs: 30_000 });
      // Its events wait, queued: nothing refused, nothing sent to the canary.
      expect(await prisma().deadLetter.count({ where: { syncId: tampered.id } })).toBe(0);
      expect(redirected.id).toBeTruthy();
      expect(canary.requests).toEqual([]);
    } finally {
      await worker.kill('SIGTERM');
      await ingest?.close();
    }
  });
});
