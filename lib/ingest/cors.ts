/**
 * Browser SDKs post from any origin. The ingestion API carries its key in the body and sets no
 * cookies, so a wildcard origin without credentials is safe. amplitude-js 8 adds a
 * `Cross-Origin-Resource-Policy` request header, so even its form posts are preflighted: the
 * requested headers are echoed back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function setCorsHeaders(req: IncomingMessage, res: ServerResponse, methods: readonly string[] = ['POST']): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', [...methods, 'OPTIONS'].join(', '));
  const requested = req.headers['access-control-request-headers'];
  res.setHeader(
    'Access-Control-Allow-Headers',
    typeof requested === 'string' && /^[\w\-, ]{0,512}$/.test(requested) ? requested : 'Content-Type, Content-Encoding, Accept',
  );
  res.setHeader('Access-Control-Max-Age', '86400');
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers');
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): void {
  setCorsHeaders(req, res, methods);
  res.writeHead(204);
  res.end();
}
