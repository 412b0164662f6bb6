/**
 * A process that uses the management API as the UI does, so that everything it answers and
 * logs can be searched for a planted secret (see secret-leak.int.test.ts). Prints one
 * `ANSWER <status> <method> <path> <body>` line per call, with the product's own log lines.
 *   LEAK_PROBE={"phase":"setup","planted":…,"fakeUrl":…,"echoUrl":…} → creates the syncs
 *   LEAK_PROBE={"phase":"read","cookie":…,"syncIds":[…]} → reads every GET route of them
 */
import { checkHealth } from '@/lib/health/check';
import { collectPrometheusInput } from '@/lib/metrics/prometheus-data';
import { renderPrometheus } from '@/lib/metrics/prometheus';
import { callRoute, loadApiRoutes, signInAsAdmin, type ApiRoute, type CallOptions } from '@/test/management-api';
import { disconnectPrisma } from '@/lib/db/prisma';
import { closeQueues } from '@/lib/queue/queues';

interface Probe {
  phase: 'setup' | 'read';
  planted?: string;
  fakeUrl?: string;
  echoUrl?: string;
  cookie?: string;
  syncIds?: string[];
}

const probe = JSON.parse(process.argv[2] ?? '{}') as Probe;
const routes = await loadApiRoutes();
const route = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)!;

async function call(r: ApiRoute, opts: CallOptions): Promise<unknown> {
  const res = await callRoute(r, opts);
  const text = await res.text();
  process.stdout.write(`ANSWER ${res.status} ${r.method} ${r.path} ${text}\n`);
  for (const [name, value] of res.headers) process.stdout.write(`HEADER ${name}: ${value}\n`);
  return text ? (JSON.parse(text) as unknown) : null;
}

if (probe.phase === 'setup') {
  const cookie = await signInAsAdmin();
  process.stdout.write(`COOKIE ${cookie}\n`);
  const settings = (endpoint: string) => ({ name: `Leak ${endpoint}`, enabled: true, brazeEndpoint: endpoint, restApiKey: probe.planted, sendUsers: true, userProperties: ['plan'] });
  const good = (await call(route('POST', '/api/syncs'), { cookie, body: settings(probe.fakeUrl!) })) as { id: string };
  const echo = (await call(route('POST', '/api/syncs'), { cookie, body: settings(probe.echoUrl!) })) as { id: string };
  process.stdout.write(`SYNCS ${good.id} ${echo.id}\n`);
  // Saving with a blank key keeps the stored one; the answer must still not carry it.
  await call(route('PUT', '/api/syncs/[id]'), { cookie, params: { id: good.id }, body: { ...settings(probe.fakeUrl!), restApiKey: '' } });
  await call(route('PUT', '/api/syncs/[id]/status'), { cookie, params: { id: good.id }, body: { enabled: true } });
  for (const endpoint of [probe.fakeUrl!, probe.echoUrl!]) {
    await call(route('POST', '/api/syncs/test-connection'), { cookie, body: { brazeEndpoint: endpoint, restApiKey: probe.planted } });
  }
  await call(route('POST', '/api/syncs/test-connection'), { cookie, body: { brazeEndpoint: probe.echoUrl, syncId: echo.id } });
  await call(route('POST', '/api/syncs/test-connection'), { cookie, body: { brazeEndpoint: 'http://127.0.0.1:9/not-allowed', restApiKey: probe.planted } });
  await call(route('POST', '/api/syncs/preview'), {
    cookie,
    body: { syncId: good.id, settings: settings(probe.fakeUrl!), event: { event_type: 'Leak', user_id: 'leak-user', user_properties: { plan: 'pro' } } },
  });
} else {
  const cookie = probe.cookie!;
  for (const r of routes.filter((x) => x.method === 'GET')) {
    const ids = r.dynamic.length > 0 ? probe.syncIds! : [''];
    for (const id of ids) await call(r, { cookie, params: { id } });
  }
  process.stdout.write(`METRICS\n${await renderPrometheus(await collectPrometheusInput())}\n`);
  process.stdout.write(`HEALTH ${JSON.stringify(await checkHealth())}\n`);
}
await closeQueues();
await disconnectPrisma();
process.exit(0);
