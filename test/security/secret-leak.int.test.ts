/**
 * A Braze REST API key planted in two syncs — one delivering to the fake Braze, one to a
 * misbehaving endpoint that echoes the key back in its error pages and messages — is used for
 * real (deliveries, retries, a pause, dead letters, Test connection, preview), then searched for
 * everywhere: every management API answer and header, every log line of the app, worker and
 * ingestion processes at trace level, the Prometheus metrics and health answers, every row of
 * every Postgres table, and every value in Redis. It is found nowhere but sealed.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { startFakeBraze, type FakeBraze } from '@/test/fakes/braze';
import { startScriptedServer, type ScriptedServer } from '@/test/fakes/scripted-braze';
import { createRedisConnection } from '@/lib/queue/connection';
import { closeQueues } from '@/lib/queue/queues';
import { makeEvents, postEvents } from '@/test/fixtures';
import { startProcess, waitFor, waitForOutput, type RunningProcess } from '@/test/processes';

const planted = `planted-${randomBytes(16).toString('hex')}`;
const prefix = `${process.env.QUEUE_PREFIX}-leak`;
let braze: FakeBraze;
let echo: ScriptedServer;
let productEnv: Record<string, string>;
const processes: RunningProcess[] = [];

beforeAll(async () => {
  braze = await startFakeBraze({ keys: [{ key: planted }] });
  let trackCalls = 0;
  // A proxy or broken Braze that repeats the Authorization header and the key in what it answers.
  echo = await startScriptedServer((req) => {
    const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (req.url === '/users/track' && ++trackCalls <= 3) {
      return { status: 502, body: `<html><body>Bad gateway for ${req.headers.authorization} key=${key} body=${req.body.slice(0, 200)}</body></html>` };
    }
    return { status: 401, body: { message: `Invalid API key: ${key}`, authorization: req.headers.authorization } };
  });
  productEnv = {
    QUEUE_PREFIX: prefix,
    BRAZE_CUSTOM_ENDPOINTS: `${braze.url},${echo.baseUrl}`,
    LOG_LEVEL: 'trace',
    DELIVERY_LINGER_MS: '20',
    WORKER_LOCK_MS: '2000',
  };
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  await braze?.close();
  await echo?.close();
  await closeQueues();
  await disconnectPrisma();
});

function start(script: string, args: string[] = []): RunningProcess {
  const proc = startProcess(script, productEnv, args);
  processes.push(proc);
  return proc;
}

async function runProbe(probe: object): Promise<string> {
  const proc = start('test/security/leak-probe-main.ts', [JSON.stringify(probe)]);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`probe failed:\n${proc.output()}`);
  return proc.output();
}

async function projectKeyOf(syncId: string): Promise<string> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ api_key: string }>('SELECT p.api_key FROM projects p JOIN syncs s ON s.project_id = p.id WHERE s.id = $1', [syncId]);
    return rows[0]!.api_key;
  } finally {
    await client.end();
  }
}

async function dumpPostgres(): Promise<string> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  try {
    const tables = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    const parts: string[] = [];
    for (const { tablename } of tables.rows) {
      const rows = await client.query(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      parts.push(...rows.rows.map((r: { row: string }) => `${tablename} ${r.row}`));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

async function dumpRedis(): Promise<string> {
  const redis = createRedisConnection('worker');
  const parts: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string' ? await redis.get(key)
          : type === 'hash' ? await redis.hgetall(key)
          : type === 'list' ? await redis.lrange(key, 0, -1)
          : type === 'set' ? await redis.smembers(key)
          : type === 'zset' ? await redis.zrange(key, 0, -1)
          : type === 'stream' ? await redis.xrange(key, '-', '+')
          : null;
        parts.push(`${key} ${JSON.stringify(value)}`);
      }
    } while (cursor !== '0');
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

describe('a planted Braze REST API key', () => {
  it('is used, and appears in no answer, log line, metric, table or Redis value', async () => {
    const ingest = start('test/ingest-server-main.ts');
    const worker = start('worker/main.ts');
    await Promise.all([waitForOutput(ingest, /listening/), waitForOutput(worker, /worker started/)]);
    const ingestUrl = /listening (\S+)/.exec(ingest.output())![1]!;

    const setup = await runProbe({ phase: 'setup', planted, fakeUrl: braze.url, echoUrl: echo.baseUrl });
    const cookie = /^COOKIE (.+)$/m.exec(setup)![1]!;
    const syncIds = /^SYNCS (\S+) (\S+)$/m.exec(setup)!.slice(1);
    expect(setup).toMatch(/^ANSWER 201 POST \/api\/syncs /m);

    // Events for both syncs: delivered through the fake, retried then refused by the echoing one.
    const apiKey = await projectKeyOf(syncIds[0]!);
    expect((await postEvents(ingestUrl, apiKey, makeEvents(20, { users: 4 }).map((e) => ({ ...e, user_properties: { plan: 'pro' } })))).status).toBe(200);
    await waitFor(() => braze.events().length >= 20 || null, { what: 'deliveries through the fake Braze', timeoutMs: 30_000 });
    await waitFor(() => /paused|pause/i.test(worker.output()) || echo.requests.filter((r) => r.url === '/users/track').length > 3 || null, {
      what: 'the echoing endpoint refused the key',
      timeoutMs: 30_000,
    });
    await waitFor(async () => (await dumpPostgres()).includes('"paused_reason":"') || null, { what: 'the echoing sync paused', timeoutMs: 30_000 });

    const read = await runProbe({ phase: 'read', cookie, syncIds });
    await Promise.all([worker.kill('SIGTERM'), ingest.kill('SIGTERM')]);

    // The key really went where it belongs…
    expect(braze.requests().some((r) => r.apiKey === planted)).toBe(true);
    expect(echo.requests.some((r) => r.headers.authorization === `Bearer ${planted}`)).toBe(true);
    expect(read).toMatch(/^ANSWER 200 GET \/api\/syncs \[/m);
    expect(read).toMatch(/^METRICS\n# HELP \w+ /m);
    // …and nowhere else.
    const places: Record<string, string> = {
      'setup answers and logs': setup,
      'read answers, metrics, health and logs': read,
      'worker log': worker.output(),
      'ingestion log': ingest.output(),
      postgres: await dumpPostgres(),
      redis: await dumpRedis(),
    };
    for (const [place, text] of Object.entries(places)) {
      expect(text.length, place).toBeGreaterThan(0);
      expect(text.includes(planted), `the planted key appears in the ${place}`).toBe(false);
      // Nor its first or last half on its own (a key cut in two is still a leak).
      expect(text.includes(planted.slice(0, 24)) || text.includes(planted.slice(-24)), `part of the key appears in the ${place}`).toBe(false);
    }
    // Stored only sealed, with the last four characters for display.
    expect(places.postgres).toMatch(/"rest_api_key_cipher":"v1\./);
  }, 120_000);
});
