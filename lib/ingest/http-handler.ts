/**
 * The ingestion API on plain `node:http`: `POST /2/httpapi`, `POST /batch`, `POST /identify`
 * (+ CORS preflight). Answers in Amplitude's exact JSON shapes, with the status mirrored in
 * `code` (the official SDKs read it). Events are queued, never sent to Braze here; when Redis or
 * Postgres is unavailable the answer is 503, which the SDKs retry — never a 200 for events that
 * were not kept.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  buildPayloadTooLargeBody,
  buildTooManyRequestsBody,
  type UploadLimits,
  buildRequestErrorBody,
  buildServiceUnavailableBody,
  buildSuccessBody,
  checkRequestLimits,
  parseIdentifyForm,
  parseUploadEnvelope,
  selectUploadLimits,
  validateUploadEvents,
  buildInvalidApiKeyBody,
  type UploadValidation,
} from '@/lib/amplitude';
import { env } from '@/lib/env';
import { IngestAdmission, type AdmissionLease } from '@/lib/ingest/admission';
import { answerPreflight, setCorsHeaders } from '@/lib/ingest/cors';
import { EventThrottle } from '@/lib/ingest/throttle';
import { BodyError, readBody } from '@/lib/ingest/read-body';
import { mayHoldUnstorableText, toStorableStrings } from '@/lib/db/storable-text';
import { childLogger } from '@/lib/log/logger';
import type { ProjectKeyCache } from '@/lib/projects/key-cache';
import { enqueueIngest } from '@/lib/queue/queues';
import type { IngestJob } from '@/lib/queue/contracts';

const log = childLogger('ingest');
const PATHS = new Set(['/2/httpapi', '/batch', '/identify']);
const BODY_TIMEOUT_MS = 30_000;

type Endpoint = 'httpapi' | 'batch';

export interface IngestSettings {
  limits: Record<Endpoint, Partial<UploadLimits>>;
  /** Average events/s allowed per user_id and per device_id; 0 = unlimited. */
  userEps: Record<Endpoint, number>;
  throttleWindowSeconds: number;
  /** A body not received within this long is answered 408 (slow uploads hold no resources). */
  bodyTimeoutMs?: number;
}

export interface IngestHandlerDeps {
  keys: Pick<ProjectKeyCache, 'resolve'>;
  /** Queues the job; `sizeBytes` (the request body's) tells the Redis memory watch what was added. */
  enqueue?: (job: IngestJob, sizeBytes: number) => Promise<void>;
  now?: () => number;
  settings?: IngestSettings;
  /** Back-pressure limits; from the environment unless given. */
  admission?: IngestAdmission;
}

export function ingestSettingsFromEnv(): IngestSettings {
  const c = env();
  return {
    limits: {
      httpapi: { maxBodyBytes: c.INGEST_HTTPAPI_MAX_BYTES, maxEvents: c.INGEST_MAX_EVENTS },
      batch: { maxBodyBytes: c.INGEST_BATCH_MAX_BYTES, maxEvents: c.INGEST_MAX_EVENTS },
    },
    userEps: { httpapi: c.INGEST_HTTPAPI_USER_EPS, batch: c.INGEST_BATCH_USER_EPS },
    throttleWindowSeconds: c.INGEST_THROTTLE_WINDOW_SECONDS,
  };
}

export function admissionFromEnv(): IngestAdmission {
  const c = env();
  return new IngestAdmission({ maxRequests: c.INGEST_MAX_CONCURRENT_REQUESTS, maxBytes: c.INGEST_MAX_BUFFERED_BYTES });
}

type Reply = { status: number; body: object; headers?: Record<string, string> };

/** The SDKs retry a 503; Retry-After spreads the retries of an overloaded server a little. */
const OVERLOADED: Reply = {
  status: 503,
  body: buildServiceUnavailableBody('Server busy: nothing was ingested, retry later'),
  headers: { 'Retry-After': '1' },
};

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  const payload = JSON.stringify(reply.body);
  setCorsHeaders(req, res);
  res.writeHead(reply.status, { ...reply.headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** How long a refused request's body is read and dropped before answering anyway. */
const DRAIN_MS = 5_000;

/**
 * Answers once the rest of the body has been read and dropped (never held): answered mid-upload,
 * Node closes the connection, and a client still sending may get a reset instead of the 503.
 */
function sendAfterBody(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (req.complete) return send(req, res, reply);
  const answer = () => {
    clearTimeout(timer);
    send(req, res, reply);
  };
  const timer = setTimeout(answer, DRAIN_MS);
  req.once('end', answer);
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

export function createIngestHandler(deps: IngestHandlerDeps) {
  const enqueue = deps.enqueue ?? enqueueIngest;
  const now = deps.now ?? Date.now;
  const settings = deps.settings ?? ingestSettingsFromEnv();
  const admission = deps.admission ?? admissionFromEnv();
  const throttles: Record<Endpoint, EventThrottle> = {
    httpapi: new EventThrottle({ eventsPerSecond: settings.userEps.httpapi, windowSeconds: settings.throttleWindowSeconds }),
    batch: new EventThrottle({ eventsPerSecond: settings.userEps.batch, windowSeconds: settings.throttleWindowSeconds }),
  };
  const endpointOf = (path: string): Endpoint => (path === '/batch' ? 'batch' : 'httpapi');

  async function validate(path: string, req: IncomingMessage, raw: Buffer, at: number): Promise<{ result: UploadValidation; projectId?: string }> {
    if (path === '/identify') {
      const params = await readForm(req, raw);
      const apiKey = params.get('api_key');
      const projectId = apiKey ? await deps.keys.resolve(apiKey) : null;
      const result = parseIdentifyForm(params, { now: at, isKnownApiKey: () => projectId !== null, limits: settings.limits.httpapi });
      return { result: storable(result, true), projectId: projectId ?? undefined };
    }
    const endpoint = endpointOf(path);
    const text = raw.toString('utf8');
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        return { result: { kind: 'rejected', status: 400, body: buildRequestErrorBody('Invalid JSON request body') } };
      }
    }
    const envelope = parseUploadEnvelope(body);
    if (envelope.kind === 'rejected') return { result: envelope };
    const projectId = await deps.keys.resolve(envelope.apiKey);
    if (!projectId) return { result: { kind: 'rejected', status: 400, body: buildInvalidApiKeyBody(envelope.apiKey) } };
    const result = validateUploadEvents(envelope, { endpoint, now: at, limits: settings.limits[endpoint] });
    return { result: storable(result, mayHoldUnstorableText(text)), projectId };
  }

  /** Accepted events with NUL or unpaired surrogates repaired (lib/db/storable-text). */
  function storable(result: UploadValidation, suspect: boolean): UploadValidation {
    if (result.kind !== 'accepted' || !suspect) return result;
    return { ...result, events: toStorableStrings(result.events) };
  }

  async function handleAsync(req: IncomingMessage, res: ServerResponse, lease: AdmissionLease): Promise<void> {
    const path = pathOf(req);
    const limits = selectUploadLimits(endpointOf(path), settings.limits[endpointOf(path)]);
    const raw = await readBody(req, { maxBytes: limits.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs ?? BODY_TIMEOUT_MS, take: lease.take });
    const at = now();
    const tooLarge = checkRequestLimits({ bodyBytes: raw.length }, limits);
    if (tooLarge) return send(req, res, tooLarge);
    if (raw.length === 0 && path !== '/identify') {
      return send(req, res, { status: 400, body: buildRequestErrorBody('Missing request body') });
    }
    const { result, projectId } = await validate(path, req, raw, at);
    if (result.kind !== 'accepted') return send(req, res, result);
    const throttled = throttles[endpointOf(path)].take(result.events, at);
    if (throttled.throttledEvents.length > 0) {
      return send(req, res, {
        status: 429,
        body: buildTooManyRequestsBody({
          epsThreshold: settings.userEps[endpointOf(path)],
          // Indexes into the request's own events array, as the SDKs expect.
          throttledEvents: throttled.throttledEvents.map((i) => result.indexes[i]!),
          throttledUsers: throttled.throttledUsers,
          throttledDevices: throttled.throttledDevices,
        }),
      });
    }
    if (result.events.length > 0) await enqueue({ projectId: projectId!, receivedAt: at, events: result.events }, raw.length);
    send(req, res, {
      status: 200,
      body: buildSuccessBody({ eventsIngested: result.events.length, payloadSizeBytes: raw.length, serverUploadTime: at }),
    });
  }

  return {
    handles(req: IncomingMessage): boolean {
      return PATHS.has(pathOf(req));
    },
    handle(req: IncomingMessage, res: ServerResponse): void {
      if (req.method === 'OPTIONS') return answerPreflight(req, res);
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST, OPTIONS');
        return send(req, res, { status: 405, body: { code: 405, error: 'Method not allowed' } });
      }
      // Refused before its body is read: an overloaded process takes on nothing more.
      const lease = admission.enter();
      if (!lease) return sendAfterBody(req, res, OVERLOADED);
      const run = handleAsync(req, res, lease).catch((err: unknown) => {
        if (err instanceof BodyError) {
          if (err.kind === 'overloaded') return sendAfterBody(req, res, OVERLOADED);
          if (err.kind === 'too_large') return send(req, res, { status: 413, body: buildPayloadTooLargeBody() });
          if (err.kind === 'bad_encoding') return send(req, res, { status: 400, body: { code: 400, error: err.message } });
          if (err.kind === 'timeout') return send(req, res, { status: 408, body: { code: 408, error: err.message } });
          return; // The client went away; there is nobody to answer.
        }
        // Redis or Postgres unavailable (or any other fault): nothing was kept, so say so with 503.
        log.error({ err: (err as Error).message, path: pathOf(req) }, 'ingestion failed');
        if (!res.headersSent) send(req, res, { status: 503, body: buildServiceUnavailableBody() });
      });
      void run.finally(lease.close);
    },
  };
}

/** `/identify` takes url-encoded or multipart forms (or a query string, as the Identify API allows). */
async function readForm(req: IncomingMessage, raw: Buffer): Promise<URLSearchParams> {
  // The multipart boundary is case-sensitive: keep the header as sent.
  const type = req.headers['content-type'] ?? '';
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData().catch(() => null);
    const params = new URLSearchParams();
    form?.forEach((value, key) => {
      if (typeof value === 'string') params.append(key, value);
    });
    return params;
  }
  if (raw.length > 0) return new URLSearchParams(raw.toString('utf8'));
  const url = req.url ?? '';
  return new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
}
