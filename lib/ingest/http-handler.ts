/**
 * The ingestion API on plain `node:http` (paths in lib/ingest/routes): HTTP V2 and Batch (and
 * their `/delayed` variants), Identify (POST or GET), Group Identify, and the legacy form upload
 * of amplitude-js 8 (+ CORS preflight). Answers in Amplitude's exact shapes, with the status
 * mirrored in `code` (the official SDKs read it). Events are queued, never sent to Braze here;
 * when Redis or Postgres is unavailable the answer is 503, which the SDKs retry — never a 200 for
 * events that were not kept.
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
  LEGACY_SUCCESS_BODY,
  parseGroupIdentifyForm,
  parseIdentifyForm,
  parseLegacyUpload,
  parseUploadEnvelope,
  selectUploadLimits,
  validateUploadEvents,
  buildInvalidApiKeyBody,
  type UploadValidation,
} from '@/lib/amplitude';
import { env } from '@/lib/env';
import { IngestAdmission, type AdmissionLease } from '@/lib/ingest/admission';
import { clientIpOf, ingestClientOf } from '@/lib/ingest/client-address';
import { forwardSwitch, type ForwardSwitch } from '@/lib/forward/forward-switch';
import { answerPreflight } from '@/lib/ingest/cors';
import { readForm } from '@/lib/ingest/read-form';
import { send, sendAfterBody, type Reply } from '@/lib/ingest/reply';
import { pathOf, routeOf, type IngestRoute } from '@/lib/ingest/routes';
import { EventThrottle } from '@/lib/ingest/throttle';
import { BodyError, readBody } from '@/lib/ingest/read-body';
import { mayHoldUnstorableText, toStorableStrings } from '@/lib/db/storable-text';
import { childLogger } from '@/lib/log/logger';
import type { ProjectKeyCache } from '@/lib/projects/key-cache';
import { enqueueIngest } from '@/lib/queue/queues';
import type { RefusalCheck } from '@/lib/privacy/refused-users';
import { buildSilencedBody, findSilenced, withoutSilenced } from '@/lib/privacy/silence-events';
import type { ForwardJob, IngestJob } from '@/lib/queue/contracts';

const log = childLogger('ingest');
const BODY_TIMEOUT_MS = 30_000;

type Endpoint = 'httpapi' | 'batch';

export interface IngestSettings {
  limits: Record<Endpoint, Partial<UploadLimits>>;
  /** Average events/s allowed per user_id and per device_id; 0 = unlimited. */
  userEps: Record<Endpoint, number>;
  throttleWindowSeconds: number;
  /** A body not received within this long (plus 1 s per `minBodyBytesPerSecond` bytes) is answered 408 (lib/ingest/read-body). */
  bodyTimeoutMs?: number;
  minBodyBytesPerSecond?: number;
}

export interface IngestHandlerDeps {
  keys: Pick<ProjectKeyCache, 'resolve'>;
  /** Users deleted within their grace period: their events are refused (lib/privacy). */
  refused: RefusalCheck;
  /**
   * Queues the job, and the forward job when its project forwards to Amplitude (one transaction);
   * `sizeBytes` (the request body's) tells the Redis memory watch what was added.
   */
  enqueue?: (job: IngestJob, sizeBytes: number, forward?: ForwardJob) => Promise<void>;
  /** Which projects forward to Amplitude; the process's shared switch unless given. */
  forwarding?: Pick<ForwardSwitch, 'jobFor'>;
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
    bodyTimeoutMs: c.INGEST_BODY_TIMEOUT_MS,
    minBodyBytesPerSecond: c.INGEST_BODY_MIN_BYTES_PER_SECOND,
  };
}

export function admissionFromEnv(): IngestAdmission {
  const c = env();
  return new IngestAdmission({
    maxRequests: c.INGEST_MAX_CONCURRENT_REQUESTS,
    maxBytes: c.INGEST_MAX_BUFFERED_BYTES,
    maxRequestsPerClient: c.INGEST_MAX_REQUESTS_PER_CLIENT,
  });
}

/** The SDKs retry a 503; Retry-After spreads the retries of an overloaded server a little. */
const OVERLOADED: Reply = {
  status: 503,
  body: buildServiceUnavailableBody('Server busy: nothing was ingested, retry later'),
  headers: { 'Retry-After': '1' },
};

export function createIngestHandler(deps: IngestHandlerDeps) {
  const enqueue = deps.enqueue ?? enqueueIngest;
  const forwarding = deps.forwarding ?? forwardSwitch();
  const now = deps.now ?? Date.now;
  const settings = deps.settings ?? ingestSettingsFromEnv();
  const admission = deps.admission ?? admissionFromEnv();
  const throttles: Record<Endpoint, EventThrottle> = {
    httpapi: new EventThrottle({ eventsPerSecond: settings.userEps.httpapi, windowSeconds: settings.throttleWindowSeconds }),
    batch: new EventThrottle({ eventsPerSecond: settings.userEps.batch, windowSeconds: settings.throttleWindowSeconds }),
  };
  const endpointOf = (route: IngestRoute): Endpoint => (route.kind === 'batch' ? 'batch' : 'httpapi');
  const FORMS = { identify: parseIdentifyForm, groupidentify: parseGroupIdentifyForm } as const;

  async function validate(route: IngestRoute, req: IncomingMessage, raw: Buffer, at: number): Promise<{ result: UploadValidation; projectId?: string }> {
    if (route.kind === 'identify' || route.kind === 'groupidentify') {
      const params = await readForm(req, raw);
      const apiKey = params.get('api_key');
      const projectId = apiKey ? await deps.keys.resolve(apiKey) : null;
      const result = FORMS[route.kind](params, { now: at, isKnownApiKey: () => projectId !== null, limits: settings.limits.httpapi });
      return { result: storable(result, true), projectId: projectId ?? undefined };
    }
    const text = raw.toString('utf8');
    const envelope = route.kind === 'legacy' ? parseLegacyUpload(await readForm(req, raw)) : parseJsonEnvelope(text);
    if (envelope.kind === 'rejected') return { result: envelope };
    const projectId = await deps.keys.resolve(envelope.apiKey);
    if (!projectId) return { result: { kind: 'rejected', status: 400, body: buildInvalidApiKeyBody(envelope.apiKey) } };
    const endpoint = endpointOf(route);
    const validated = validateUploadEvents(envelope, { endpoint, now: at, limits: settings.limits[endpoint] });
    const result = route.kind === 'legacy' ? takeValidEvents(validated) : validated;
    return { result: storable(result, route.kind === 'legacy' || mayHoldUnstorableText(text)), projectId };
  }

  /**
   * amplitude-js 8 cannot drop single events: after a 400 it resends the same oldest events for
   * good, and nothing newer ever gets through. So a legacy upload's valid events are taken and
   * its invalid ones (the same checks as HTTP V2) are dropped and logged with the reasons.
   */
  function takeValidEvents(result: UploadValidation): UploadValidation {
    if (result.kind !== 'invalid-events') return result;
    log.warn({ invalidIndexes: result.invalidIndexes, issues: result.body }, 'legacy upload: invalid events dropped');
    return { kind: 'accepted', apiKey: result.apiKey, events: result.events, indexes: result.indexes };
  }

  /** Accepted events with NUL or unpaired surrogates repaired (lib/db/storable-text). */
  function storable(result: UploadValidation, suspect: boolean): UploadValidation {
    if (result.kind !== 'accepted' || !suspect) return result;
    return { ...result, events: toStorableStrings(result.events) };
  }

  async function handleAsync(req: IncomingMessage, res: ServerResponse, route: IngestRoute, lease: AdmissionLease): Promise<void> {
    const endpoint = endpointOf(route);
    const limits = selectUploadLimits(endpoint, settings.limits[endpoint]);
    const raw = await readBody(req, { maxBytes: limits.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs ?? BODY_TIMEOUT_MS, minBytesPerSecond: settings.minBodyBytesPerSecond, take: lease.take });
    const at = now();
    const tooLarge = checkRequestLimits({ bodyBytes: raw.length }, limits);
    if (tooLarge) return send(req, res, tooLarge);
    // The form APIs may carry their fields in the query string instead.
    if (raw.length === 0 && route.kind !== 'identify' && route.kind !== 'groupidentify') {
      return send(req, res, { status: 400, body: buildRequestErrorBody('Missing request body') });
    }
    const validated = await validate(route, req, raw, at);
    const { projectId } = validated;
    let { result } = validated;
    if (result.kind !== 'accepted') return send(req, res, result);
    const silenced = findSilenced(projectId!, result, deps.refused);
    if (silenced.positions.length > 0) {
      await deps.refused.countRefused(projectId!, silenced.userIds);
      if (route.kind !== 'legacy') return send(req, res, { status: 400, body: buildSilencedBody(result, silenced) });
      log.warn({ silenced: silenced.positions.length }, 'legacy upload: events of deleted users dropped');
      result = withoutSilenced(result, silenced);
    }
    // Events within their users' and devices' budgets are kept even when others are throttled.
    const throttled = throttles[endpoint].take(result.events, at);
    const refused = new Set(throttled.throttledEvents);
    const kept = refused.size === 0 ? result.events : result.events.filter((_, i) => !refused.has(i));
    if (kept.length > 0) {
      const forward = await forwarding.jobFor({ projectId: projectId!, route: route.kind, receivedAt: at, events: kept, clientIp: clientIpOf(req) });
      await enqueue({ projectId: projectId!, receivedAt: at, events: kept }, raw.length, forward);
    }
    if (refused.size > 0) {
      return send(req, res, {
        status: 429,
        body: buildTooManyRequestsBody({
          epsThreshold: settings.userEps[endpoint],
          // Indexes into the request's own events array, as the SDKs expect.
          throttledEvents: throttled.throttledEvents.map((i) => result.indexes[i]!),
          throttledUsers: throttled.throttledUsers,
          throttledDevices: throttled.throttledDevices,
          // No daily quota is kept: empty maps tell the SDKs to drop nothing.
          exceededDailyQuotaUsers: {},
          exceededDailyQuotaDevices: {},
        }),
      });
    }
    if (route.kind === 'legacy') return send(req, res, { status: 200, body: LEGACY_SUCCESS_BODY });
    send(req, res, {
      status: 200,
      body: buildSuccessBody({ eventsIngested: kept.length, payloadSizeBytes: raw.length, serverUploadTime: at }),
    });
  }

  return {
    handles(req: IncomingMessage): boolean {
      return routeOf(req) !== undefined;
    },
    handle(req: IncomingMessage, res: ServerResponse): void {
      const route = routeOf(req);
      if (!route) return send(req, res, { status: 404, body: { code: 404, error: `Invalid request path: ${pathOf(req).slice(0, 100)}` } });
      if (req.method === 'OPTIONS') return answerPreflight(req, res, route.methods);
      if (!route.methods.includes(req.method ?? '')) {
        const allow = [...route.methods, 'OPTIONS'].join(', ');
        return send(req, res, { status: 405, body: { code: 405, error: `Method not allowed: use ${allow}` }, headers: { Allow: allow } }, route.methods);
      }
      // Refused before its body is read: an overloaded process takes on nothing more.
      const lease = admission.enter(ingestClientOf(req));
      if (!lease) return sendAfterBody(req, res, OVERLOADED);
      const run = handleAsync(req, res, route, lease).catch((err: unknown) => {
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

/** The JSON body of HTTP V2 and Batch uploads. */
function parseJsonEnvelope(text: string): ReturnType<typeof parseUploadEnvelope> {
  if (text.length === 0) return parseUploadEnvelope(undefined);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'rejected', status: 400, body: buildRequestErrorBody('Invalid JSON request body') };
  }
  return parseUploadEnvelope(body);
}
