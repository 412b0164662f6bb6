/**
 * The bare relay's intake: the least an ingestion endpoint must do. It takes a `POST /2/httpapi`
 * body, parses it once (to refuse what is not an upload and to say how many events it took, which
 * the SDKs read), appends the body as it came to one Redis LIST with one RPUSH, and answers in
 * Amplitude's shape. No API key check, no per-event validation, no de-duplication.
 */
import http from 'node:http';
import type { Redis } from 'ioredis';

/** Amplitude's own limit for an HTTP V2 body. */
const MAX_BODY_BYTES = 1_048_576;

function answer(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Events in an HTTP V2 body, or an error text when it is not one. */
function countEvents(body: Buffer): number | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return 'Invalid JSON request body';
  }
  const events = (parsed as { events?: unknown } | null)?.events;
  return Array.isArray(events) && events.length > 0 ? events.length : 'Request missing required field: events';
}

export function createRelayIntake(redis: Redis, listKey: string): http.Server {
  return http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/2/httpapi') {
      answer(res, 404, { code: 404, error: 'Not found' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return answer(res, 413, { code: 413, error: 'Payload too large' });
      const body = Buffer.concat(chunks, size);
      const events = countEvents(body);
      if (typeof events === 'string') return answer(res, 400, { code: 400, error: events });
      redis.rpush(listKey, body).then(
        () => answer(res, 200, { code: 200, events_ingested: events, payload_size_bytes: size, server_upload_time: Date.now() }),
        (err: Error) => answer(res, 503, { code: 503, error: `Redis: ${err.message}` }),
      );
    });
  });
}
