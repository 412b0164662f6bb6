/**
 * The form APIs (Identify, Group Identify, the legacy upload) take url-encoded or multipart
 * bodies, or a query string when the body is empty (a GET /identify, or Group Identify's
 * documented `POST /groupidentify?api_key=…&identification=…`).
 */
import type { IncomingMessage } from 'node:http';

export async function readForm(req: IncomingMessage, raw: Buffer): Promise<URLSearchParams> {
  // The multipart boundary is case-sensitive: keep the header as sent.
  const type = req.headers['content-type'] ?? '';
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData().catch(() => null);
    const params = new URLSearchParams();
    form?.forEach((value, key) => {
      if (typeof value === 'string') params.append(key, value);
    });
    return params;
  }
  if (raw.length > 0) return new URLSearchParams(raw.toString('utf8'));
  const url = req.url ?? '';
  return new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
}
