/**
 * The ingestion paths and the methods each answers. `{serverUrl}/delayed` is where the browser
 * SDK's heartbeat posts delayed events (@amplitude/analytics-core `heartbeat.ts`); `serverUrl` is
 * the full upload URL, so the path follows `/2/httpapi` or `/batch`. `POST /` with a form body is
 * the legacy upload of amplitude-js 8, which posts to the bare `apiEndpoint`; any other `POST /`
 * is taken as HTTP V2, for an SDK whose `serverUrl` was given without its path. `GET /` stays the
 * UI's.
 */
import type { IncomingMessage } from 'node:http';

export type RouteKind = 'httpapi' | 'batch' | 'identify' | 'groupidentify' | 'legacy';

export interface IngestRoute {
  kind: RouteKind;
  methods: readonly string[];
}

const POST = ['POST'] as const;

const ROUTES: ReadonlyMap<string, IngestRoute> = new Map<string, IngestRoute>([
  ['/2/httpapi', { kind: 'httpapi', methods: POST }],
  ['/2/httpapi/delayed', { kind: 'httpapi', methods: POST }],
  ['/delayed', { kind: 'httpapi', methods: POST }],
  ['/batch', { kind: 'batch', methods: POST }],
  ['/batch/delayed', { kind: 'batch', methods: POST }],
  // https://amplitude.com/docs/apis/analytics/identify: "the same parameters as GET query parameters".
  ['/identify', { kind: 'identify', methods: ['GET', 'POST'] }],
  ['/groupidentify', { kind: 'groupidentify', methods: POST }],
  ['/', { kind: 'legacy', methods: POST }],
]);

export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

const ROOT_JSON: IngestRoute = { kind: 'httpapi', methods: POST };

/** The route of an ingestion request, or undefined for a request the ingestion API does not serve. */
export function routeOf(req: IncomingMessage): IngestRoute | undefined {
  const route = ROUTES.get(pathOf(req));
  if (route?.kind !== 'legacy') return route;
  if (req.method !== 'POST' && req.method !== 'OPTIONS') return undefined;
  return req.method === 'POST' && !isForm(req) ? ROOT_JSON : route;
}

function isForm(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}
