/**
 * The ingestion API alone as a process (for tests that need their own configuration).
 * `--port N` listens on a fixed port, so a restarted process is found where clients look.
 * SIGTERM stops it as the app stops: requests in progress are answered first.
 */
import { closeQueues } from '@/lib/queue/queues';
import { disconnectPrisma } from '@/lib/db/prisma';
import { startIngestServer } from '@/test/ingest-server';

const portArg = process.argv.indexOf('--port');
const port = portArg === -1 ? undefined : Number(process.argv[portArg + 1]);
const server = await startIngestServer(undefined, { port });
process.stdout.write(`listening ${server.url}\n`);
process.once('SIGTERM', () => {
  void server
    .shutdown()
    .then(() => Promise.allSettled([closeQueues(), disconnectPrisma()]))
    .then(() => process.exit(0));
});
