/**
 * The app process: one port for the ingestion API and the Next.js UI + management API.
 * Ingestion paths are answered by a plain Node handler (no framework overhead on the hot path),
 * and so are the operator endpoints (health, Prometheus; see lib/ops); every other request goes
 * to Next's request handler.
 */
import http from 'node:http';
import next from 'next';
import { envOrExit } from '@/lib/env';
import { nameWaitingProcess, outageLog, untilReachable } from '@/lib/health/outage-log';
import { warnAboutRedisSettings } from '@/lib/health/redis-settings';
import { createIngestHandler } from '@/lib/ingest/http-handler';
import { createPrivacyHandler } from '@/lib/privacy/http-handler';
import { RefusedUsers } from '@/lib/privacy/refused-users';
import { childLogger } from '@/lib/log/logger';
import { createOpsHandler } from '@/lib/ops/http-handler';
import { ProjectKeyCache } from '@/lib/projects/key-cache';
import { closeQueues, producerConnection, warmUpProducer } from '@/lib/queue/queues';
import { disconnectPrisma } from '@/lib/db/prisma';
import { EXIT_CANNOT_RUN } from '@/lib/process/exit-codes';

const log = childLogger('server');
const FORWARDED_HOST_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];

/** Why the server cannot listen, in the words of the setting to change; null for other faults. */
function listenFailure(err: NodeJS.ErrnoException, port: number, host: string): string | null {
  if (err.code === 'EADDRINUSE') return `port ${port} is in use by another program: stop it, or set PORT to a free port`;
  if (err.code === 'EACCES') return `port ${port} needs privileges this process does not have: set PORT to 1024 or above`;
  if (err.code === 'EADDRNOTAVAIL') return `HOST ${host} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0 for all`;
  return null;
}

async function main(): Promise<void> {
  const config = envOrExit();
  const dev = config.NODE_ENV === 'development' && process.argv.includes('--dev');
  const app = next({ dev, dir: process.cwd(), hostname: 'localhost', port: config.PORT });
  const handleNext = app.getRequestHandler();
  const keys = new ProjectKeyCache();
  nameWaitingProcess('the app (UI and ingestion API)');
  // Ingestion does not wait for the UI framework: after a restart the SDKs are answered as soon
  // as the project keys and Redis are there; a page asked for meanwhile waits for Next.
  app.prepare().catch((err: Error) => {
    log.fatal({ err: err.message, stack: err.stack }, 'the UI failed to start');
    process.exit(1);
  });
  const refused = new RefusedUsers();
  await Promise.all([untilReachable(outageLog('Postgres', config.DATABASE_URL), () => Promise.all([keys.start(), refused.start()])), warmUpProducer()]);
  warnAboutRedisSettings(producerConnection(), (line) => log.warn(line));
  const ingest = createIngestHandler({ keys, refused });
  const privacy = createPrivacyHandler({ keys });
  const ops = createOpsHandler({ metricsToken: config.METRICS_TOKEN });

  const server = http.createServer((req, res) => {
    if (ingest.handles(req)) {
      ingest.handle(req, res);
      return;
    }
    if (ops.handles(req)) {
      ops.handle(req, res);
      return;
    }
    if (privacy.handles(req)) {
      privacy.handle(req, res);
      return;
    }
    // Sign-in throttling keys on the client address. Unless a trusted proxy sets it, the
    // address is the socket's: a client must not choose its own X-Forwarded-For. Behind a
    // trusted proxy a request without the header still gets the socket's address.
    if (!config.TRUST_PROXY || !req.headers['x-forwarded-for']) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    // Likewise the host and scheme: without a trusted proxy they are the request's own (Next
    // fills these headers from Host when they are absent), never what the client claims.
    if (!config.TRUST_PROXY) for (const name of FORWARDED_HOST_HEADERS) delete req.headers[name];
    handleNext(req, res).catch((err: Error) => {
      log.error({ err: err.message, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
    });
  });
  server.keepAliveTimeout = 65_000;
  // Slow clients (docs/architecture.md, "Slow clients"): headers come in one packet from any
  // real client, so 10 s is generous; a whole request may take 2 minutes (a 1 MB SDK batch at
  // 8.5 KB/s). Ingestion bodies are also held to a minimum rate (INGEST_BODY_*).
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;
  server.once('error', (err: NodeJS.ErrnoException) => {
    // A port or address this process cannot have: a restart would fail the same way.
    const reason = listenFailure(err, config.PORT, config.HOST);
    log.fatal({ err: err.message }, reason ?? 'app server failed');
    process.exit(reason ? EXIT_CANNOT_RUN : 1);
  });
  server.listen(config.PORT, config.HOST, () => {
    log.info({ port: config.PORT, host: config.HOST }, 'app listening');
  });

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    keys.stop();
    server.close(() => {
      void Promise.allSettled([closeQueues(), disconnectPrisma(), app.close()]).then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: Error) => {
  log.fatal({ err: err.message, stack: err.stack }, 'app failed to start');
  process.exit(1);
});
