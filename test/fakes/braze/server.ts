import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenForFake } from '@/test/fakes/listen';
import { ADMIN_PREFIX, handleAdminRequest } from '@/test/fakes/braze/admin/handle-admin-request';
import { SERVER_ERROR } from '@/test/fakes/braze/http/answers';
import { handleBrazeRequest } from '@/test/fakes/braze/http/handle-braze-request';
import { sendReply } from '@/test/fakes/braze/http/reply';
import { createFakeState, resetFakeState, type FakeState } from '@/test/fakes/braze/state';
import {
  addFaults,
  clearFaults,
  readAccepted,
  readProfiles,
  readRequests,
  readStats,
  replaceKeys,
  replaceDeclaredAttributes,
  replaceObjectLimitMode,
  replaceRateLimit,
} from '@/test/fakes/braze/state-access';
import type { FakeBraze, FakeBrazeOptions } from '@/test/fakes/braze/types';

/** Starts a fake Braze REST server; resolves once it listens. */
export async function startFakeBraze(options: FakeBrazeOptions = {}): Promise<FakeBraze> {
  const state = createFakeState(options);
  const server = createServer((req, res) => {
    routeRequest(state, req, res).catch(() => {
      if (!res.headersSent) sendReply(res, SERVER_ERROR, {});
      else res.destroy();
    });
  });
  const { url, close } = await listenForFake(server, options.port, options.host);

  return {
    url,
    close,
    requests: () => readRequests(state),
    events: () => readAccepted(state, 'events'),
    attributes: () => readAccepted(state, 'attributes'),
    purchases: () => readAccepted(state, 'purchases'),
    stats: () => readStats(state),
    profiles: () => readProfiles(state),
    injectFaults: (...faults) => addFaults(state, faults),
    clearFaults: () => clearFaults(state),
    setKeys: (keys) => replaceKeys(state, keys),
    setRateLimit: (rateLimit) => replaceRateLimit(state, rateLimit),
    setObjectLimitMode: (mode) => replaceObjectLimitMode(state, mode),
    setDeclaredAttributes: (attributes) => replaceDeclaredAttributes(state, attributes),
    reset: () => resetFakeState(state),
  };
}

function routeRequest(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake-braze');
  if (url.pathname.startsWith(ADMIN_PREFIX)) return handleAdminRequest(state, req, res, url);
  return handleBrazeRequest(state, req, res, url);
}
