/** The ingestion API on a real HTTP port, in the test process, as the app serves it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIngestHandler, type IngestSettings } from '@/lib/ingest/http-handler';
import { createPrivacyHandler } from '@/lib/privacy/http-handler';
import { RefusedUsers } from '@/lib/privacy/refused-users';
import { ProjectKeyCache } from '@/lib/projects/key-cache';
import { warmUpProducer } from '@/lib/queue/queues';

export interface IngestServer {
  url: string;
  /** Closes at once, cutting requests in progress. */
  close: () => Promise<void>;
  /** Closes as the app does on SIGTERM: stops accepting, lets requests in progress finish. */
  shutdown: () => Promise<void>;
}

export async function startIngestServer(settings?: IngestSettings, opts: { port?: number } = {}): Promise<IngestServer> {
  const keys = new ProjectKeyCache({ refreshMs: 500 });
  const refused = new RefusedUsers(500);
  await Promise.all([keys.start(), refused.start(), warmUpProducer()]);
  const ingest = createIngestHandler({ keys, settings, refused });
  // The User Privacy API is served on the ingestion host too, as server.ts does.
  const privacy = createPrivacyHandler({ keys });
  const server = http.createServer((req, res) => {
    if (ingest.handles(req)) ingest.handle(req, res);
    else if (privacy.handles(req)) privacy.handle(req, res);
    else res.writeHead(404).end();
  });
  // As server.ts: longer than load balancers' and SDKs' idle timeouts, so the client side closes first.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      keys.stop();
      refused.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
    shutdown: async () => {
      keys.stop();
      refused.stop();
      const closed = new Promise((r) => server.close(r));
      server.closeIdleConnections();
      await closed;
    },
  };
}
