/**
 * One machine opening 1,000 slow uploads (a slowloris attack from 127.0.0.3) must not stop
 * ingestion for anyone else (a normal client on 127.0.0.1): it gets at most its per-client share
 * of the request places (INGEST_MAX_REQUESTS_PER_CLIENT, over it 503), and its trickling bodies
 * are cut once they fall behind the minimum rate (408). Default settings, real sockets.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { closeQueues, ingestQueue } from '@/lib/queue/queues';
import { createProject } from '@/test/fixtures';
import { startIngestServer, type IngestServer } from '@/test/ingest-server';
import { waitFor } from '@/test/processes';

const ATTACKER = '127.0.0.3';
const SOCKETS = 1_000;

let server: IngestServer;
let apiKey: string;

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-slow`;
  server = await startIngestServer();
  ({ apiKey } = await createProject());
});

afterAll(async () => {
  await server?.close();
  await ingestQueue().obliterate({ force: true });
  await closeQueues();
  await disconnectPrisma();
});

interface SlowUploads {
  /** Status codes the attacker's requests were answered with so far. */
  answers: Map<number, number>;
  connected: () => number;
  stop: () => void;
}

/** Sockets from `localAddress`, each sending its headers and then one byte of body a second. */
function openSlowUploads(port: number, localAddress: string, count: number): SlowUploads {
  const answers = new Map<number, number>();
  /** Sockets whose headers are sent: only they trickle (a byte before the headers is no request). */
  const sending: net.Socket[] = [];
  let connected = 0;
  for (let i = 0; i < count; i++) {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    socket.on('connect', () => {
      connected++;
      sending.push(socket);
      socket.write(`POST /2/httpapi HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
    });
    let seen = '';
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(seen)?.[1];
      if (status && !socket.destroyed) {
        answers.set(Number(status), (answers.get(Number(status)) ?? 0) + 1);
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
  }
  const trickle = setInterval(() => sending.forEach((s) => !s.destroyed && s.write(' ')), 1_000);
  return {
    answers,
    connected: () => connected,
    stop: () => {
      clearInterval(trickle);
      sending.forEach((s) => s.destroy());
    },
  };
}

async function normalRequest(): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${server.url}/2/httpapi`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api_key: apiKey, events: [{ user_id: 'normal-client', event_type: 'Still Served', time: Date.now() }] }),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

describe('slow clients', () => {
  it('1,000 slow uploads from one address leave ingestion to everyone else', async () => {
    const port = Number(new URL(server.url).port);
    const attack = openSlowUploads(port, ATTACKER, SOCKETS);
    const normal: { status: number; ms: number }[] = [];
    let attacking = true;
    const client = (async () => {
      while (attacking) {
        normal.push(await normalRequest());
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    try {
      await waitFor(() => attack.connected() === SOCKETS, { what: 'every attacking socket connected', timeoutMs: 20_000 });
      // The attacker's requests over its share are refused (after their bodies are drained a while)…
      const refusedAtLeast = SOCKETS - env().INGEST_MAX_REQUESTS_PER_CLIENT;
      await waitFor(() => (attack.answers.get(503) ?? 0) >= refusedAtLeast, { what: `${refusedAtLeast} of the attacker's requests answered 503`, timeoutMs: 30_000 });
      // …and the ones it was given are cut once they fall behind the minimum body rate.
      await waitFor(() => (attack.answers.get(408) ?? 0) >= 1, { what: "the attacker's admitted uploads cut with 408", timeoutMs: 30_000 });
    } catch (err) {
      throw new Error(`${(err as Error).message}; attacker answers so far: ${JSON.stringify(Object.fromEntries(attack.answers))}, normal: ${JSON.stringify(normal.slice(-3))} of ${normal.length}`);
    } finally {
      attacking = false;
      await client;
      attack.stop();
    }
    console.log(`attacker answers: ${JSON.stringify(Object.fromEntries(attack.answers))}; normal client: ${normal.length} requests, slowest ${Math.max(...normal.map((n) => n.ms))} ms`);
    expect(normal.length).toBeGreaterThan(20);
    expect(normal.filter((n) => n.status !== 200)).toEqual([]);
    expect(Math.max(...normal.map((n) => n.ms))).toBeLessThan(5_000);
    expect([...attack.answers.keys()].every((status) => status === 503 || status === 408)).toBe(true);
  }, 90_000);
});
