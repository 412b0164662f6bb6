import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  bytes: Buffer;
  /** Total size sent, even past the limit. */
  size: number;
  tooLarge: boolean;
}

/**
 * Reads the whole request body, keeping at most `maxBytes`. An oversize body is still drained
 * to its end so the client receives the 413 instead of a reset connection mid-upload.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      const tooLarge = size > maxBytes;
      resolve({ bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), size, tooLarge });
    });
    req.on('error', reject);
  });
}
