/**
 * Writing ingestion answers: JSON bodies (Amplitude's shapes, status mirrored in `code`), or text
 * for the legacy upload's `success`; CORS headers on every answer so browsers can read it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setCorsHeaders } from '@/lib/ingest/cors';

export type Reply = { status: number; body: object | string; headers?: Record<string, string> };

export function send(req: IncomingMessage, res: ServerResponse, reply: Reply, methods?: readonly string[]): void {
  if (res.headersSent) return;
  const text = typeof reply.body === 'string';
  const payload = text ? (reply.body as string) : JSON.stringify(reply.body);
  setCorsHeaders(req, res, methods);
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': text ? 'text/plain; charset=utf-8' : 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** How long a refused request's body is read and dropped before answering anyway. */
const DRAIN_MS = 5_000;

/**
 * Answers once the rest of the body has been read and dropped (never held): answered mid-upload,
 * Node closes the connection, and a client still sending may get a reset instead of the answer.
 */
export function sendAfterBody(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (req.complete) return send(req, res, reply);
  const answer = () => {
    clearTimeout(timer);
    send(req, res, reply);
  };
  const timer = setTimeout(answer, DRAIN_MS);
  req.once('end', answer);
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
