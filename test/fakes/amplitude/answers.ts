/** Amplitude's answer bodies, in the exact shapes its HTTP V2 doc gives. */
import type { ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  /** JSON unless `text` is set (the Identify APIs answer plain text). */
  body: unknown;
  text?: boolean;
}

export const json = (status: number, body: unknown): Reply => ({ status, body });
export const text = (status: number, body: string): Reply => ({ status, body, text: true });

export const payloadTooLarge = (): Reply => json(413, { code: 413, error: 'Payload too large' });
export const requestError = (error: string, extra: Record<string, unknown> = {}): Reply => json(400, { code: 400, error, ...extra });
export const serverError = (status: number): Reply =>
  json(status, { code: status, error: status === 503 ? 'Service Unavailable' : 'Internal Server Error' });

export function success(eventsIngested: number, payloadSizeBytes: number, at: number): Reply {
  return json(200, { code: 200, events_ingested: eventsIngested, payload_size_bytes: payloadSizeBytes, server_upload_time: at });
}

/** 429 of the HTTP V2 doc: ids over their budget with their current EPS, and their events' indexes. */
export function tooManyRequests(throttledUsers: Record<string, number>, throttledDevices: Record<string, number>, throttledEvents: number[]): Reply {
  return json(429, {
    code: 429,
    error: 'Too many requests for some devices and users',
    eps_threshold: 30,
    throttled_devices: throttledDevices,
    throttled_users: throttledUsers,
    throttled_events: throttledEvents,
  });
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  const body = reply.text ? String(reply.body) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': reply.text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
