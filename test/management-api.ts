/**
 * Calls the management API's own route handlers (app/api) with real `Request`s, as Next would,
 * in the test process: sign-in through better-auth's handler, then any route with or without
 * the session cookie. No Next server or build is needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureAdminUser } from '@/lib/auth/ensure-admin-user';
import { env } from '@/lib/env';
import { loadSecrets } from '@/lib/secrets';

export const ORIGIN = 'http://localhost:3000';
const API_DIR = path.resolve('app/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ApiRoute {
  /** URL path, with `[id]` segments as in the folder names. */
  path: string;
  method: Method;
  handler: Handler;
  /** The route takes a JSON body (its handler reads one). */
  dynamic: string[];
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** Every handler of every route file under app/api, better-auth's own included when asked. */
export async function loadApiRoutes({ includeAuth = false } = {}): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  for (const file of routeFiles(API_DIR)) {
    const rel = path.relative(API_DIR, path.dirname(file)).split(path.sep);
    if (rel[0] === 'auth' && !includeAuth) continue;
    // The catch-all serves nothing: it answers every path no route serves with a JSON 404.
    if (rel[0] === '[...path]') continue;
    const mod = (await import(file)) as Partial<Record<Method, Handler>>;
    for (const method of METHODS) {
      const handler = mod[method];
      if (handler) routes.push({ path: `/api/${rel.join('/')}`, method, handler, dynamic: rel.filter((s) => s.startsWith('[')).map((s) => s.replace(/^\[\.*|\]$/g, '')) });
    }
  }
  return routes;
}

export interface CallOptions {
  cookie?: string;
  body?: unknown;
  /** Raw body text, sent as is (for hostile input). */
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

export async function callRoute(route: ApiRoute, opts: CallOptions = {}): Promise<Response> {
  const params = opts.params ?? Object.fromEntries(route.dynamic.map((d) => [d, 'clzz0000000000000000000000']));
  // The handler reads `params`; the URL only has to be one Next could have routed here.
  const urlPath = route.path.replace(/\[(\.\.\.)?(\w+)\]/g, 'some-id');
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const headers: Record<string, string> = { host: 'localhost:3000', ...(hasBody ? { 'content-type': 'application/json' } : {}), ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  const body = hasBody ? (opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))) : undefined;
  const request = new Request(`${ORIGIN}${urlPath}`, { method: route.method, headers, body });
  return route.handler(request, { params: Promise.resolve(params) });
}

/** Signs the admin in through better-auth's own handler; returns the Cookie header to send. */
export async function signInAsAdmin(): Promise<string> {
  await ensureAdminUser();
  const { POST } = (await import('@/app/api/auth/[...all]/route')) as { POST: (r: Request) => Promise<Response> };
  const response = await POST(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': `10.${Math.floor(Math.random() * 250)}.0.1` },
      body: JSON.stringify({ email: env().ADMIN_EMAIL, password: loadSecrets(env()).adminPassword }),
    }),
  );
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (cookies.length === 0) throw new Error('sign-in set no cookie');
  return cookies.join('; ');
}
