/**
 * The app process: one port for the ingestion API and the Next.js UI + management API.
 * Ingestion paths are answered by a plain Node handler (no framework overhead on the hot path),
 * and so are the operator endpoints (health, Prometheus; see lib/ops); every other request goes
 * to Next's request handler.
 */
import http from 'node:http';
import next from 'next';
import { envOrExit } from '@/lib/env';
import { createIngestHandler } from '@/lib/ingest/http-handler';
import { childLogger } from '@/lib/log/logger';
import { createOpsHandler } from '@/lib/ops/http-handler';
import { ProjectKeyCache } from '@/lib/projects/key-cache';
import { closeQueues, warmUpProducer } from '@/lib/queue/queues';
import { disconnectPrisma } from '@/lib/db/prisma';

const log = childLogger('server');

async function main(): Promise<void> {
  const config = envOrExit();
  const dev = config.NODE_ENV === 'development' && process.argv.includes('--dev');
  const app = next({ dev, dir: process.cwd(), hostname: 'localhost', port: config.PORT });
  const handleNext = app.getRequestHandler();
  const keys = new ProjectKeyCache();
  await Promise.all([app.prepare(), keys.start(), warmUpProducer()]);
  const ingest = createIngestHandler({ keys });
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
    // Sign-in throttling keys on the client address. Unless a trusted proxy sets it, the
    // address is the socket's: a client must not choose its own X-Forwarded-For. Behind a
    // trusted proxy a request without the header still gets the socket's address.
    if (!config.TRUST_PROXY || !req.headers['x-forwarded-for']) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    handleNext(req, res).catch((err: Error) => {
      log.error({ err: err.message, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
    });
  });
  server.keepAliveTimeout = 65_000;
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
