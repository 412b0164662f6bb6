/** The ingestion API alone as a process (for tests that need their own configuration). */
import { startIngestServer } from '@/test/ingest-server';

const server = await startIngestServer();
process.stdout.write(`listening ${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
