/**
 * A fake Amplitude ingestion server over real HTTP: HTTP V2, Batch, Identify and Group Identify
 * with Amplitude's answers, insert_id de-duplication, a record of what it took, and injected
 * faults (types.ts). Requests are handled one step at a time: read (gunzip), route, parse
 * (400/413 at once), fault, take.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ADMIN_PREFIX, handleAdmin } from '@/test/fakes/amplitude/admin';
import { json, payloadTooLarge, requestError, sendReply, serverError, type Reply } from '@/test/fakes/amplitude/answers';
import { applyFault } from '@/test/fakes/amplitude/faults';
import { AMPLITUDE_ROUTES } from '@/test/fakes/amplitude/routes';
import { addFaults, createState, logRequest, resetState, takeFault, type FakeAmplitudeState } from '@/test/fakes/amplitude/state';
import type { FakeAmplitude, FakeAmplitudeOptions } from '@/test/fakes/amplitude/types';
import { readBody } from '@/test/fakes/braze/http/read-body';
import { listenForFake } from '@/test/fakes/listen';

const ADMIN_MAX_BYTES = 1024 * 1024;

function sourceIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

async function handle(state: FakeAmplitudeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  if (path.startsWith(ADMIN_PREFIX)) {
    const { bytes } = await readBody(req, ADMIN_MAX_BYTES);
    return sendReply(res, handleAdmin(state, req, path, bytes));
  }
  const route = AMPLITUDE_ROUTES.get(path);
  if (!route) return sendReply(res, requestError('Invalid request path'));
  if (!route.methods.includes(req.method ?? '')) return sendReply(res, json(405, { code: 405, error: 'Method not allowed' }));
  const read = await readBody(req, route.maxBodyBytes);
  const at = Date.now();
  const answer = (reply: Reply, events = 0) => {
    logRequest(state, { method: req.method ?? '', path, status: reply.status, events, at });
    sendReply(res, reply);
  };
  if (read.tooLarge) return answer(payloadTooLarge());
  let body = read.bytes;
  if (req.headers['content-encoding'] === 'gzip') {
    try {
      body = gunzipSync(body);
    } catch {
      return answer(requestError('Invalid JSON request body'));
    }
    // The limit counts what Amplitude reads after decompressing (HTTP V2 doc).
    if (body.length > route.maxBodyBytes) return answer(payloadTooLarge());
  }
  const parsed = route.parse({ state, path, body, contentType: (req.headers['content-type'] ?? '').toLowerCase(), query: url.searchParams, sourceIp: sourceIpOf(req), at });
  if (parsed.kind === 'answer') return answer(parsed.reply);
  const fault = takeFault(state);
  if (!fault) return answer(parsed.take(), parsed.events.length);
  const outcome = await applyFault(fault, parsed.events, parsed.take);
  if ('cut' in outcome) {
    logRequest(state, { method: req.method ?? '', path, status: 0, events: parsed.events.length, at });
    res.destroy();
    return;
  }
  answer(outcome, parsed.events.length);
}

/** Starts a fake Amplitude; resolves once it listens. */
export async function startFakeAmplitude(options: FakeAmplitudeOptions = {}): Promise<FakeAmplitude> {
  const state = createState(options);
  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => (res.headersSent ? res.destroy() : sendReply(res, serverError(500))));
  });
  const { url, close } = await listenForFake(server, options.port, options.host);
  return {
    url,
    close,
    events: () => [...state.events],
    identifications: () => [...state.identifications],
    requests: () => [...state.requests],
    stats: () => ({ ...state.stats }),
    injectFaults: (...faults) => addFaults(state, faults),
    clearFaults: () => (state.faults = []),
    setInvalidInsertIds: (insertIds, field = 'time') => (state.invalid = { insertIds: new Set(insertIds), field }),
    reset: () => resetState(state),
  };
}
