import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  NOT_FOUND,
  PARSE_ERROR,
  RATE_LIMITED,
  tooLargeReply,
  UNSUPPORTED_MEDIA_TYPE,
} from '@/test/fakes/braze/http/answers';
import { authorizeKey, extractBearerKey } from '@/test/fakes/braze/http/authenticate';
import { resolveFault, takeFault } from '@/test/fakes/braze/http/faults';
import { holdResponse } from '@/test/fakes/braze/http/hold-response';
import { consumeRateLimit } from '@/test/fakes/braze/http/rate-limiter';
import { readBody, type ReadBody } from '@/test/fakes/braze/http/read-body';
import { sendReply, type Reply } from '@/test/fakes/braze/http/reply';
import { BRAZE_ROUTES } from '@/test/fakes/braze/http/routes';
import { recordRequest } from '@/test/fakes/braze/record/recorder';
import type { FakeState } from '@/test/fakes/braze/state';
import type { RecordedRequest } from '@/test/fakes/braze/types';

// application/json with optional parameters such as charset (braze-api.md §10.3).
const JSON_CONTENT_TYPE = /^application\/json\s*(;.*)?$/i;

/**
 * One Braze API call, checked in this order: route (404), API key (401/403), rate window (429),
 * injected fault, Content-Type (415), body size (413/400), JSON syntax (400), then the endpoint.
 * Faults come after auth on purpose: a wrong key must still get its 401 while an outage is
 * simulated, as a real outage would not hide configuration errors behind a retryable status.
 */
export async function handleBrazeRequest(state: FakeState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  const found = BRAZE_ROUTES.get(path);
  const route = found && req.method === (found.method ?? 'POST') ? found : undefined;
  const query = url.searchParams;
  const origin = `http://${req.headers.host ?? url.host}`;
  const bodyLimit = route?.bodyLimit ?? { maxBytes: state.maxBodyBytes, status: state.oversizeStatus };
  const raw = await readBody(req, Math.min(bodyLimit.maxBytes, state.maxBodyBytes));
  const authorization = req.headers.authorization ?? null;
  const apiKey = extractBearerKey(req.headers.authorization);
  const exchange: Omit<RecordedRequest, 'status' | 'responseBody' | 'responseHeaders'> = {
    method: req.method ?? 'GET',
    path,
    receivedAt: Date.now(),
    authorization,
    apiKey,
    body: null,
    bodyText: raw.tooLarge ? null : raw.bytes.toString('utf8'),
  };
  const parsed = parseJson(raw);
  if (parsed.ok) exchange.body = parsed.value;
  const finish = (reply: Reply, headers: Record<string, string> = {}): void => {
    const responseHeaders = sendReply(res, reply, headers);
    recordRequest(state.recorder, { ...exchange, status: reply.status, responseBody: reply.body, responseHeaders });
  };

  if (!route) return finish(NOT_FOUND);
  const key = authorizeKey(state.keys, apiKey, route.permission);
  if (!key.ok) return finish(key.reply);
  const { handle } = route;
  const keyUsed = key.apiKey;
  const rateLimit = route.rateLimit(state);
  const window = consumeRateLimit(state.limiter, `${route.rateBucket}\u0000${key.apiKey}`, rateLimit, exchange.receivedAt);
  if (!window.allowed) return finish(RATE_LIMITED, window.headers);

  const fault = route.acceptsFaults ? takeFault(state.faults) : undefined;
  if (fault) {
    const outcome = resolveFault(fault, exchange.receivedAt, rateLimit.limit);
    // Applied, then the answer failed: the request's objects are in Braze all the same.
    if ('processed' in fault && fault.processed && parsed.ok && !raw.tooLarge) {
      handle({ state, body: parsed.value, apiKey: keyUsed, path, query, origin, receivedAt: exchange.receivedAt });
    }
    if (outcome.kind === 'reply') return finish(outcome.reply, { ...window.headers, ...outcome.headers });
    if (outcome.kind === 'delay') {
      if (outcome.delayMs > 0) await new Promise((r) => setTimeout(r, outcome.delayMs));
      return processRequest();
    }
    recordRequest(state.recorder, { ...exchange, status: null, responseBody: null, responseHeaders: {} });
    return holdResponse(res, outcome.timeoutMs);
  }
  processRequest();

  function processRequest(): void {
    // GET endpoints take no body: only the query.
    if (route!.method === 'GET') return finish(route!.handle({ state, body: null, apiKey: keyUsed, path, query, origin, receivedAt: exchange.receivedAt }), window.headers);
    if (!JSON_CONTENT_TYPE.test(req.headers['content-type'] ?? '')) return finish(UNSUPPORTED_MEDIA_TYPE, window.headers);
    if (raw.tooLarge) return finish(tooLargeReply(bodyLimit.status), window.headers);
    if (!parsed.ok) return finish(PARSE_ERROR, window.headers);
    finish(handle({ state, body: parsed.value, apiKey: keyUsed, path, query, origin, receivedAt: exchange.receivedAt }), window.headers);
  }
}

function parseJson(raw: ReadBody): { ok: true; value: unknown } | { ok: false } {
  if (raw.tooLarge || raw.size === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw.bytes.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
