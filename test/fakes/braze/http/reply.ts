import type { ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  body: unknown;
  /** Defaults to JSON; 'html' sends `body` (a string) as text/html. */
  format?: 'json' | 'html';
  /** Extra response headers, such as a Link header. */
  headers?: Record<string, string>;
}

export function jsonReply(status: number, body: unknown): Reply {
  return { status, body };
}

/** Writes the reply and returns the headers it sent, for the request log. */
export function sendReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string>): Record<string, string> {
  const html = reply.format === 'html';
  const text = html ? String(reply.body) : JSON.stringify(reply.body);
  const headers: Record<string, string> = {
    'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    ...extraHeaders,
    ...reply.headers,
  };
  res.writeHead(reply.status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
  return headers;
}
