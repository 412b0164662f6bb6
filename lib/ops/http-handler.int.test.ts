/**
 * The operator endpoints over real HTTP, against the real Postgres and Redis: health without a
 * session (degraded until a worker reports), Prometheus only with its token, with the counters
 * the database holds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { startHeartbeat, workerId } from '@/lib/health/heartbeat';
import { createOpsHandler } from '@/lib/ops/http-handler';
import { closeQueues, producerConnection } from '@/lib/queue/queues';
import { createSync } from '@/lib/syncs/repository';
import { createSyncSchema } from '@/lib/syncs/schema';
import { createProject } from '@/test/fixtures';
import { waitFor } from '@/test/processes';
import { expectedTotals, seedMinuteMetrics } from '@/test/seed-metrics';

const TOKEN = 'ops-test-token-0123456789abcdef';
const servers: http.Server[] = [];
let syncId: string;

async function serve(metricsToken: string | undefined): Promise<string> {
  const ops = createOpsHandler({ metricsToken });
  const server = http.createServer((req, res) => (ops.handles(req) ? ops.handle(req, res) : res.writeHead(418).end()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const project = await createProject();
  const input = createSyncSchema.parse({ name: 'Ops sync', brazeEndpoint: 'https://rest.iad-01.braze.com', restApiKey: 'seeded-key', enabled: true });
  syncId = (await createSync(project.id, input)).id;
  await seedMinuteMetrics(syncId, Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000, 120);
});

afterAll(async () => {
  for (const s of servers) s.close();
  await closeQueues();
  await disconnectPrisma();
});

describe('GET /api/health', () => {
  it('answers without a session: degraded (200) with no worker, ok once one reports', async () => {
    const url = await serve(undefined);
    const degraded = await fetch(`${url}/api/health`);
    expect(degraded.status).toBe(200);
    expect(degraded.headers.get('cache-control')).toBe('no-store');
    expect(await degraded.json()).toEqual({
      status: 'degraded',
      checks: { postgres: { ok: true }, redis: { ok: true }, workers: { ok: false, count: 0, detail: 'no worker has reported in the last 15 s' } },
      // The Redis settings of this machine (lib/health/redis-settings.int.test.ts checks them).
      warnings: expect.any(Array),
    });
    const stop = startHeartbeat(producerConnection(), env().QUEUE_PREFIX, workerId('all'), () => {});
    try {
      // The heartbeat's first report lands in Redis asynchronously: wait for the answer to turn.
      const ok = await waitFor(async () => {
        const res = await fetch(`${url}/api/health?probe=ready`);
        const body = (await res.json()) as { status: string };
        return body.status === 'ok' ? { status: res.status, body } : null;
      }, { what: 'health ok once a worker reports' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'ok', checks: { workers: { ok: true, count: 1 } } });
    } finally {
      await stop();
    }
    expect((await fetch(`${url}/api/health`, { method: 'POST' })).status).toBe(405);
  });
});

describe('GET /api/metrics/prometheus', () => {
  it('is off without METRICS_TOKEN and says how to turn it on', async () => {
    const res = await fetch(`${await serve(undefined)}/api/metrics/prometheus`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Set METRICS_TOKEN');
  });

  it('needs the bearer token, then exposes the lifetime counters of each sync and the queues', async () => {
    const url = await serve(TOKEN);
    expect((await fetch(`${url}/api/metrics/prometheus`)).status).toBe(401);
    expect((await fetch(`${url}/api/metrics/prometheus`, { headers: { Authorization: 'Bearer not-the-token-000000000' } })).status).toBe(401);
    const res = await fetch(`${url}/api/metrics/prometheus`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    const expected = expectedTotals(0, 120);
    expect(text).toContain(`braze_streaming_delivered_total{sync_id="${syncId}"} ${expected.delivered}`);
    expect(text).toContain(`braze_streaming_not_delivered_total{sync_id="${syncId}"} ${expected.notDelivered}`);
    expect(text).toContain(`braze_sync_info{sync_id="${syncId}",sync_name="Ops sync"} 1`);
    expect(text).toContain(`braze_streaming_sync_state{sync_id="${syncId}",state="enabled"} 1`);
    expect(text).toMatch(/braze_streaming_queue_jobs\{queue="deliver",state="waiting"\} \d+/);
    expect(text).toContain('braze_streaming_workers_live');
    expect(text).not.toContain('seeded-key');
  });
});
