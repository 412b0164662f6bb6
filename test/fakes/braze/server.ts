import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Held (timeout-fault) and keep-alive connections would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
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
