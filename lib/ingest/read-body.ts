/**
 * Reads a request body with limits: the compressed size, and for gzip bodies the size after
 * decompression (Amplitude counts limits after decompression). Bodies are never buffered past
 * their limit, so an oversized or endless upload costs bounded memory.
 */
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);

export class BodyError extends Error {
  constructor(
    readonly kind: 'too_large' | 'bad_encoding' | 'aborted' | 'timeout' | 'overloaded',
    message: string,
  ) {
    super(message);
  }
}

export interface ReadBodyOptions {
  maxBytes: number;
  /**
   * Slow uploads (slowloris) are cut: a body may take `timeoutMs` in all, plus one second per
   * `minBytesPerSecond` bytes received — so a body arriving at least that fast is never cut,
   * whatever its size, and one that stalls is cut `timeoutMs` after it started.
   */
  timeoutMs: number;
  minBytesPerSecond?: number;
  /** Reserves bytes of the process's budget as they arrive (back-pressure); false = over it. */
  take?: (bytes: number) => boolean;
}

const OVERLOADED = () => new BodyError('overloaded', 'Too many request bytes in progress');

export async function readBody(req: IncomingMessage, { maxBytes, timeoutMs, minBytesPerSecond = 0, take = () => true }: ReadBodyOptions): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new BodyError('bad_encoding', `Unsupported Content-Encoding: ${encoding.slice(0, 40)}`);
  }
  const declared = Number(req.headers['content-length']);
  if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw new BodyError('too_large', 'Payload too large');
  }
  const raw = await collect(req, maxBytes, { timeoutMs, minBytesPerSecond }, take);
  if (encoding === 'identity') return raw;
  let body: Buffer;
  try {
    body = await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyError('too_large', 'Payload too large');
    throw new BodyError('bad_encoding', 'Invalid gzip body');
  }
  if (!take(body.length)) throw OVERLOADED();
  return body;
}

type Pace = { timeoutMs: number; minBytesPerSecond: number };

function collect(req: IncomingMessage, maxBytes: number, pace: Pace, take: (bytes: number) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const started = Date.now();
    // One timer per body, moved on only when it fires (not per chunk): cheap for fast bodies.
    const deadline = () => started + pace.timeoutMs + (pace.minBytesPerSecond > 0 ? (size * 1000) / pace.minBytesPerSecond : 0);
    const check = () => {
      const left = deadline() - Date.now();
      if (left <= 0) return fail(new BodyError('timeout', 'Request body not received in time'));
      timer = setTimeout(check, left);
    };
    let timer = setTimeout(check, pace.timeoutMs);
    function fail(err: BodyError) {
      clearTimeout(timer);
      req.removeAllListeners('data');
      req.resume();
      reject(err);
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(new BodyError('too_large', 'Payload too large'));
      if (!take(chunk.length)) return fail(OVERLOADED());
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks, size));
    });
    req.on('aborted', () => fail(new BodyError('aborted', 'Request aborted')));
    req.on('error', () => fail(new BodyError('aborted', 'Request aborted')));
  });
}
