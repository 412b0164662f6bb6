/**
 * The management API's route handlers (app/api) served over real HTTP without Next, for clients
 * that must talk HTTP (the syncs command line's `--url`). Paths are matched to the route folders,
 * `[id]` segments becoming params, as Next would route them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadApiRoutes } from '@/test/management-api';

export interface ApiServer {
  url: string;
  close: () => Promise<void>;
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const dynamic = /^\[(\w+)\]$/.exec(want[i]!);
    if (dynamic) params[dynamic[1]!] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

export async function startApiServer(): Promise<ApiServer> {
  // Static segments first, so /api/syncs/preview is not taken for /api/syncs/[id].
  const routes = (await loadApiRoutes()).sort((a, b) => a.dynamic.length - b.dynamic.length);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const found = routes.flatMap((route) => {
        const params = route.method === req.method ? matchPath(route.path, url.pathname) : null;
        return params ? [{ route, params }] : [];
      })[0];
      if (!found) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://${req.headers.host}${url.pathname}${url.search}`, { method: req.method, headers, body });
      const response = await found.route.handler(request, { params: Promise.resolve(found.params) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
