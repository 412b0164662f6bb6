import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendTrack, type SendTrackOptions } from '@/lib/braze/client';
import type { FetchLike } from '@/lib/braze/http';
import { brazeFetch } from '@/lib/braze/transport';
import { findClosedPort, startScriptedServer, type ScriptedReply, type ScriptedServer } from '@/test/fakes/scripted-braze';

const API_KEY = 'test-rest-key-4f1c2a9e';
const BODY = { events: [{ external_id: 'u1', name: 'Played', time: '2024-01-01T00:00:00.000Z' }] };
const RESET_SECONDS = 1_767_225_603;
const RATE_HEADERS = { 'X-RateLimit-Limit': '3000', 'x-ratelimit-remaining': '0', 'X-RATELIMIT-RESET': String(RESET_SECONDS) };

/** Every case runs over Node's `fetch` and over the worker's transport: the same contract. */
const TRANSPORTS: [string, FetchLike][] = [
  ['Node fetch', fetch],
  ['the worker transport (undici request)', brazeFetch],
];
let transport: FetchLike = fetch;

let server: ScriptedServer;
let script: ScriptedReply = { status: 201, body: { message: 'success' } };

beforeAll(async () => {
  server = await startScriptedServer(() => script);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function send(overrides: Partial<SendTrackOptions> = {}) {
  return sendTrack({
    baseUrl: server.baseUrl,
    allowedEndpoints: [server.baseUrl],
    apiKey: API_KEY,
    body: BODY,
    fetch: transport,
    timeoutMs: 2_000,
    now: () => 1_000,
    ...overrides,
  });
}

describe.each(TRANSPORTS)('over %s', (_name, chosen) => {
  beforeAll(() => {
    transport = chosen;
  });

  describe('sendTrack: the request', () => {
    it('POSTs JSON to /users/track with the Bearer key', async () => {
      await send();
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request).toMatchObject({ method: 'POST', url: '/users/track' });
      expect(request!.headers['content-type']).toBe('application/json');
      expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(JSON.parse(request!.body)).toEqual(BODY);
    });

    it('keeps the path of a custom endpoint', async () => {
      await send({ baseUrl: `${server.baseUrl}/braze/`, allowedEndpoints: [`${server.baseUrl}/braze`] });
      expect(server.requests[0]!.url).toBe('/braze/users/track');
    });

    it('refuses an endpoint outside the allow-list without calling it', async () => {
      const spy = vi.fn(transport);
      const outcome = await send({ allowedEndpoints: [], fetch: spy });
      expect(outcome).toMatchObject({ kind: 'permanent', cause: 'endpoint_not_allowed', status: null });
      expect(spy).not.toHaveBeenCalled();
      expect(server.requests).toHaveLength(0);
    });

    it('throws on a timeout that is not a positive number', async () => {
      await expect(send({ timeoutMs: 0 })).rejects.toThrow(RangeError);
    });
  });

  describe('sendTrack: classification', () => {
    it.each<[string, ScriptedReply, Record<string, unknown>]>([
      [
        '201 success',
        { status: 201, body: { message: 'success', events_processed: 1 }, headers: RATE_HEADERS },
        {
          kind: 'accepted',
          status: 201,
          response: { message: 'success', events_processed: 1 },
          minorErrors: [],
          otherErrors: [],
          rateLimit: { limit: 3000, remaining: 0, resetAt: RESET_SECONDS * 1000 },
        },
      ],
      [
        '201 with minor errors',
        {
          status: 201,
          body: { message: 'success', events_processed: 1, errors: [{ type: 'bad time', input_array: 'events', index: 0 }, 'free text'] },
        },
        {
          kind: 'accepted',
          response: { message: 'success', events_processed: 1 },
          minorErrors: [{ reason: 'bad time', array: 'events', index: 0 }],
          otherErrors: ['free text'],
        },
      ],
      ['200 success (any 2xx)', { status: 200, body: { message: 'success' } }, { kind: 'accepted', status: 200 }],
      ['202 queued', { status: 202, body: { message: 'queued' } }, { kind: 'queued', status: 202, message: 'queued' }],
      [
        '400 all objects invalid',
        {
          status: 400,
          body: {
            message: "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.",
            errors: [{ type: "'external_id' or 'braze_id' or 'user_alias' is required", input_array: 'events', index: 0 }],
          },
        },
        {
          kind: 'permanent',
          status: 400,
          cause: 'bad_request',
          reason: expect.stringContaining('Valid data must be provided'),
          minorErrors: [{ reason: "'external_id' or 'braze_id' or 'user_alias' is required", array: 'events', index: 0 }],
        },
      ],
      [
        '400 too many objects',
        { status: 400, body: { message: 'Max Input Length Exceeded' } },
        { kind: 'permanent', cause: 'bad_request', reason: expect.stringMatching(/Max Input Length Exceeded.*smaller object limit/) },
      ],
      [
        '401',
        { status: 401, body: { message: 'Invalid API Key' } },
        { kind: 'permanent', status: 401, cause: 'unauthorized', reason: expect.stringMatching(/401 Unauthorized: "Invalid API Key".*cluster/) },
      ],
      [
        '403',
        { status: 403, body: { message: 'Access Denied' } },
        { kind: 'permanent', status: 403, cause: 'forbidden', reason: expect.stringMatching(/Access Denied.*users\.track/) },
      ],
      ['404', { status: 404, body: { message: 'Not Found' } }, { kind: 'permanent', status: 404, cause: 'not_found' }],
      ['413', { status: 413, body: 'Request Entity Too Large' }, { kind: 'permanent', status: 413, cause: 'payload_too_large' }],
      ['415', { status: 415, body: { message: 'Unsupported Media Type' } }, { kind: 'permanent', status: 415, cause: 'unsupported_media_type' }],
      ['other 4xx', { status: 422, body: { message: 'nope' } }, { kind: 'permanent', status: 422, cause: 'unexpected_response' }],
      [
        '2xx without success',
        { status: 200, body: { message: 'error' } },
        { kind: 'permanent', status: 200, cause: 'unexpected_response', reason: expect.stringContaining('"error"') },
      ],
      [
        '429 with rate-limit headers',
        { status: 429, body: { message: 'Rate limit exceeded' }, headers: RATE_HEADERS },
        {
          kind: 'retryable',
          status: 429,
          cause: 'rate_limited',
          retryAt: RESET_SECONDS * 1000,
          rateLimit: { limit: 3000, remaining: 0, resetAt: RESET_SECONDS * 1000 },
          reason: expect.stringContaining('Retry after 2026-01-01T00:00:03.000Z'),
        },
      ],
      ['429 without headers', { status: 429, body: '' }, { kind: 'retryable', cause: 'rate_limited', retryAt: null }],
      [
        '500 JSON',
        { status: 500, body: { message: 'Internal error' } },
        { kind: 'retryable', status: 500, cause: 'server_error', reason: 'Braze answered 500 Internal Server Error: "Internal error".' },
      ],
      [
        '502 HTML',
        { status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr>nginx</body></html>' },
        { kind: 'retryable', status: 502, cause: 'server_error', reason: 'Braze answered 502 Bad Gateway: 502 Bad Gateway 502 Bad Gateway nginx.' },
      ],
      ['503 empty body', { status: 503 }, { kind: 'retryable', status: 503, reason: expect.stringContaining('(empty body)') }],
      ['408', { status: 408, body: '' }, { kind: 'retryable', status: 408, cause: 'request_timeout' }],
    ])('%s', async (_name, reply, expected) => {
      script = reply;
      expect(await send()).toMatchObject(expected);
    });

    it('shortens a long HTML body in the reason', async () => {
      script = { status: 502, body: `<html><body>${'Gateway error. '.repeat(100)}</body></html>` };
      const outcome = await send();
      expect(outcome.kind === 'retryable' && outcome.reason.length).toBeLessThan(250);
    });

    it('does not follow a redirect', async () => {
      const target = await startScriptedServer(() => ({ status: 201, body: { message: 'success' } }));
      script = { status: 307, headers: { location: `${target.baseUrl}/users/track` } };
      const outcome = await send({ allowedEndpoints: [server.baseUrl, target.baseUrl] });
      await target.close();
      expect(outcome).toMatchObject({ kind: 'permanent', status: 307, cause: 'unexpected_response' });
      expect(target.requests).toHaveLength(0);
    });

    it('classifies a timeout as retryable', async () => {
      script = { status: 201, hang: true };
      const outcome = await send({ timeoutMs: 150 });
      expect(outcome).toMatchObject({ kind: 'retryable', status: null, cause: 'timeout' });
    });

    it('classifies a refused connection as retryable', async () => {
      const port = await findClosedPort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const outcome = await send({ baseUrl, allowedEndpoints: [baseUrl] });
      expect(outcome).toMatchObject({ kind: 'retryable', status: null, cause: 'unreachable', reason: expect.stringContaining('ECONNREFUSED') });
    });

    it('classifies a connection cut after the request was read as retryable, and as possibly processed', async () => {
      script = { status: 201, cut: true };
      const outcome = await send();
      expect(server.requests).toHaveLength(1);
      expect(outcome).toMatchObject({ kind: 'retryable', status: null, cause: 'network', maybeProcessed: true });
    });

    it('treats a connection never made as certainly not processed', async () => {
      const port = await findClosedPort();
      const baseUrl = `http://127.0.0.1:${port}`;
      expect(await send({ baseUrl, allowedEndpoints: [baseUrl] })).toMatchObject({ kind: 'retryable', maybeProcessed: false });
    });

    it('classifies a cancelled call as retryable', async () => {
      script = { status: 201, hang: true };
      const controller = new AbortController();
      const pending = send({ signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      expect(await pending).toMatchObject({ kind: 'retryable', cause: 'aborted' });
    });
  });

  describe('sendTrack: the API key never leaks', () => {
    const echo = `Authorization: Bearer ${API_KEY}; key=${API_KEY}`;
    it.each<[string, ScriptedReply]>([
      ['201 with an echoing minor error', { status: 201, body: { message: 'success', errors: [{ type: echo, input_array: 'events', index: 0 }, echo] } }],
      ['400 message', { status: 400, body: { message: echo, errors: [echo] } }],
      ['401 message', { status: 401, body: { message: echo } }],
      ['403 message', { status: 403, body: { message: echo } }],
      ['429 message', { status: 429, body: { message: echo }, headers: RATE_HEADERS }],
      ['500 message', { status: 500, body: { message: echo } }],
      ['502 HTML page', { status: 502, body: `<html><body><pre>${echo}</pre></body></html>` }],
      ['2xx without success', { status: 200, body: { message: echo } }],
      ['redirect location', { status: 302, headers: { location: `https://example.com/?key=${API_KEY}` } }],
    ])('%s', async (_name, reply) => {
      script = reply;
      const outcome = await send();
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(JSON.stringify(outcome)).not.toContain(API_KEY);
    });

    it('on network errors and refused endpoints', async () => {
      const failing = vi.fn(async () => {
        throw new TypeError(`fetch failed for ${API_KEY}`, { cause: new Error(`connect ECONNRESET ${API_KEY}`) });
      });
      const outcomes = [await send({ fetch: failing }), await send({ baseUrl: `https://${API_KEY}.example.com`, allowedEndpoints: [] })];
      expect(failing).toHaveBeenCalledTimes(1);
      for (const outcome of outcomes) expect(JSON.stringify(outcome)).not.toContain(API_KEY);
    });
  });
});
