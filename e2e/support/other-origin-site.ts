/**
 * A shop on another origin than the app (another host name and port): one page that loads an
 * SDK bundle, so the browser applies CORS to everything the SDK sends to the product.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtherOriginSite {
  url: string;
  close: () => Promise<void>;
}

/** Serves `bundlePath` at `/sdk.js` and a page titled `title` that loads it. */
export async function startOtherOriginSite(bundlePath: string, title: string): Promise<OtherOriginSite> {
  const bundle = fs.readFileSync(bundlePath);
  const site = http.createServer((req, res) => {
    if (req.url === '/sdk.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>${title}</title><h1>${title}</h1><script src="/sdk.js"></script>`);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
    close: () => new Promise((r) => site.close(() => r())),
  };
}
