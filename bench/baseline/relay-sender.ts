/**
 * The bare relay's consumer: pops the bodies the intake kept (one LPOP each, a short BLPOP when
 * the list is empty), turns each event into a Braze event object, and sends them 75 to a
 * `/users/track` request — Braze's limit per array — with a bounded number of requests in flight.
 * A 429 waits for the rate limit window Braze names and sends the same request again; a 5xx or a
 * lost connection is sent again after a second. What it does not do is everything the product
 * adds: no de-duplication, no per-user order, no delivery markers, no metrics, no dead letters,
 * and events popped but not yet accepted are lost if the process dies.
 */
import http from 'node:http';
import type { Redis } from 'ioredis';

/** Braze accepts at most 75 objects per array of one `/users/track` request. */
export const OBJECTS_PER_REQUEST = 75;
const MAX_IN_FLIGHT = 32;
const EMPTY_LIST_WAIT_SECONDS = 0.1;
const RETRY_AFTER_ERROR_MS = 1_000;

export interface RelaySenderOptions {
  /** A connection of its own: BLPOP blocks it. */
  redis: Redis;
  listKey: string;
  brazeUrl: string;
  restApiKey: string;
  /** Event properties copied to the Braze event. */
  eventProperties: readonly string[];
  /** User properties (from `$set`) copied to the Braze event as event properties. */
  userProperties: readonly string[];
  logError(message: string): void;
}

interface AmplitudeUpload {
  events: {
    user_id?: string;
    event_type?: string;
    time?: number;
    event_properties?: Record<string, unknown>;
    user_properties?: { $set?: Record<string, unknown> };
  }[];
}

type BrazeEvent = { external_id: string; name: string; time: string; properties: Record<string, unknown> };

function toBrazeEvents(body: Buffer, opts: RelaySenderOptions): BrazeEvent[] {
  const { events } = JSON.parse(body.toString('utf8')) as AmplitudeUpload;
  const out: BrazeEvent[] = [];
  for (const event of events) {
    if (!event.user_id || !event.event_type) continue;
    const properties: Record<string, unknown> = {};
    for (const name of opts.eventProperties) {
      const value = event.event_properties?.[name];
      if (value !== undefined) properties[name] = value;
    }
    for (const name of opts.userProperties) {
      const value = event.user_properties?.$set?.[name];
      if (value !== undefined) properties[name] = value;
    }
    out.push({ external_id: event.user_id, name: event.event_type, time: new Date(event.time ?? Date.now()).toISOString(), properties });
  }
  return out;
}

function post(agent: http.Agent, url: string, restApiKey: string, body: string): Promise<{ status: number; resetAt?: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${restApiKey}`, 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const reset = Number(res.headers['x-ratelimit-reset']);
          resolve({ status: res.statusCode ?? 0, resetAt: Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RelaySender {
  /** Settles when the sender stops; rejects when Redis fails it. */
  done: Promise<void>;
  /** Stops popping, sends what it holds and waits for the requests in flight. */
  stop(): Promise<void>;
}

export function startRelaySender(opts: RelaySenderOptions): RelaySender {
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  const trackUrl = `${opts.brazeUrl}/users/track`;
  const pending: BrazeEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  /** Sends one request until Braze accepts it, or gives it up on an error a retry cannot fix. */
  const send = async (events: BrazeEvent[]) => {
    const body = JSON.stringify({ events });
    for (;;) {
      const answer = await post(agent, trackUrl, opts.restApiKey, body).catch((err: Error) => ({ status: -1, resetAt: undefined, text: err.message }));
      if (answer.status === 200 || answer.status === 201) return;
      if (answer.status === 429) await wait(Math.max(50, (answer.resetAt ?? Date.now() + RETRY_AFTER_ERROR_MS) - Date.now()));
      else if (answer.status === -1 || answer.status >= 500) await wait(RETRY_AFTER_ERROR_MS);
      else return opts.logError(`Braze refused a request of ${events.length} events (${answer.status}): ${answer.text.slice(0, 200)}`);
    }
  };

  const dispatch = async (events: BrazeEvent[]) => {
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const request = send(events).finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  /** The next kept body; with none waiting, first sends what is packed so far (nothing lingers). */
  const nextBody = async (): Promise<Buffer | null> => {
    const body = await opts.redis.lpopBuffer(opts.listKey);
    if (body) return body;
    if (pending.length > 0) await dispatch(pending.splice(0));
    const popped = await opts.redis.blpopBuffer(opts.listKey, EMPTY_LIST_WAIT_SECONDS);
    return popped?.[1] ?? null;
  };

  const loop = (async () => {
    while (!stopping) {
      const body = await nextBody();
      if (body) pending.push(...toBrazeEvents(body, opts));
      while (pending.length >= OBJECTS_PER_REQUEST) await dispatch(pending.splice(0, OBJECTS_PER_REQUEST));
    }
    if (pending.length > 0) await dispatch(pending.splice(0));
    await Promise.all(inFlight);
  })();

  return {
    done: loop,
    async stop() {
      stopping = true;
      await loop;
      agent.destroy();
    },
  };
}
