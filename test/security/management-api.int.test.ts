/**
 * Every management API route (found by walking app/api, so a new route is covered the day it is
 * added) and every page: refused without a session, refused cross-site even with one, never
 * readable by another origin, and hostile bodies or ids answered 4xx — never a 500, never a
 * polluted prototype.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { proxy } from '@/proxy';
import { callRoute, loadApiRoutes, signInAsAdmin, type ApiRoute } from '@/test/management-api';

let routes: ApiRoute[];
let cookie: string;
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  routes = await loadApiRoutes();
  cookie = await signInAsAdmin();
});

afterAll(async () => {
  await disconnectPrisma();
});

const writes = () => routes.filter((r) => r.method !== 'GET');
const label = (r: ApiRoute) => `${r.method} ${r.path}`;

/** What the database holds that a write could change, to prove a refused request changed nothing. */
async function snapshot() {
  const [projects, syncs] = await Promise.all([
    prisma().project.findMany({ select: { id: true, apiKey: true }, orderBy: { id: 'asc' } }),
    prisma().sync.findMany({ select: { id: true, status: true, updatedAt: true }, orderBy: { id: 'asc' } }),
  ]);
  return { projects, syncs };
}

describe('management API', () => {
  it('has routes to check', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it('answers 401 to every route without a session, and to a forged session', async () => {
    for (const route of routes) {
      const none = await callRoute(route, { body: {} });
      expect(none.status, label(route)).toBe(401);
      const forged = await callRoute(route, { body: {}, cookie: 'bzs.session_token=forged.c2lnbmF0dXJl' });
      expect(forged.status, label(route)).toBe(401);
      expect(await forged.text()).not.toMatch(/stack|at \w+ \(/);
    }
  });

  it('refuses cross-site writes with 403 even with a valid session, and changes nothing', async () => {
    const before = await snapshot();
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'http://sub.localhost:3000' },
      { origin: 'null' },
    ];
    for (const route of writes()) {
      for (const headers of crossSite) {
        const res = await callRoute(route, { cookie, body: { enabled: true, name: 'x' }, headers });
        expect(res.status, `${label(route)} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('reads no body that a cross-site form could send', async () => {
    for (const route of writes()) {
      const asJson = await callRoute(route, { cookie });
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await callRoute(route, { cookie, rawBody: 'name=x&enabled=true', headers: { 'content-type': type } });
        // A route that reads a body refuses the type; one that reads none answers as without a body.
        if (res.status !== 415) expect(res.status, `${label(route)} ${type}`).toBe(asJson.status);
      }
    }
  });

  it('never lets another origin read an answer (no CORS grant)', async () => {
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const res = await callRoute(route, { cookie, headers: { origin: 'https://evil.example' } });
      expect(res.headers.get('access-control-allow-origin'), label(route)).toBeNull();
      expect(res.headers.get('access-control-allow-credentials'), label(route)).toBeNull();
    }
  });

  it('answers hostile bodies and ids with 4xx, never 500, and pollutes nothing', async () => {
    const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'name', 'enabled', 'restApiKey', 'brazeEndpoint', 'eventSelection', 'userProperties', 'items', 'ids');
    const hostileValue = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.constantFrom('\u0000', '\ud800', '\u202e', 'x'.repeat(100_000), 'http://127.0.0.1:1/', '../../etc/passwd', "'; DROP TABLE syncs; --"),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    const rawBody = fc.oneof(
      hostileValue.map((v) => JSON.stringify(v)),
      fc.string(),
      fc.constant(`${'['.repeat(50_000)}${']'.repeat(50_000)}`),
      fc.constant('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}'),
    );
    const id = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('\u0000', '%00', '..', 'x'.repeat(5_000), '\ud800'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), rawBody, id, async (route, body, hostileId) => {
        const params = Object.fromEntries(route.dynamic.map((d) => [d, hostileId]));
        const res = await callRoute(route, { cookie, rawBody: body, params });
        expect(res.status, `${label(route)} ${JSON.stringify(body).slice(0, 200)} id=${JSON.stringify(hostileId)}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('sync settings with hostile text in every field', () => {
  const HOSTILE_TEXT = ['\u0000', 'a\ud800b', '\u202eevil', '<script>alert(1)</script>', '{{7*7}}', 'x'.repeat(100_000), '__proto__'];
  const at = (field: string, text: string): Record<string, unknown> => {
    const body: Record<string, unknown> = {
      name: 'Hostile',
      brazeEndpoint: 'US-01',
      restApiKey: 'hostile-rest-api-key',
      appId: 'app',
      identifierType: 'USER_ALIAS',
      aliasLabel: 'label',
      sendUsers: true,
      userProperties: ['plan'],
      eventProperties: { eventProperties: ['plan'], userProperties: [] },
      eventSelection: { rules: [{ eventType: 'Clicked', where: [{ scope: 'event', property: 'plan', operator: 'is', values: ['pro'] }] }] },
    };
    const paths: Record<string, (b: Record<string, unknown>) => void> = {
      name: (b) => (b.name = text),
      restApiKey: (b) => (b.restApiKey = text),
      appId: (b) => (b.appId = text),
      aliasLabel: (b) => (b.aliasLabel = text),
      identifierProperty: (b) => (b.identifierProperty = text),
      userProperty: (b) => (b.userProperties = [text]),
      eventProperty: (b) => (b.eventProperties = { eventProperties: [text], userProperties: [text] }),
      eventType: (b) => (b.eventSelection = { rules: [{ eventType: text, where: [] }] }),
      whereValue: (b) => (b.eventSelection = { rules: [{ eventType: null, where: [{ scope: 'user', property: text, operator: 'is', values: [text] }] }] }),
    };
    paths[field]!(body);
    return body;
  };
  const fields = ['name', 'restApiKey', 'appId', 'aliasLabel', 'identifierProperty', 'userProperty', 'eventProperty', 'eventType', 'whereValue'];

  it.each(fields)('%s: saved as typed or refused with 400, never a 500', async (field) => {
    const create = routes.find((r) => r.method === 'POST' && r.path === '/api/syncs')!;
    const remove = routes.find((r) => r.method === 'DELETE' && r.path === '/api/syncs/[id]')!;
    const preview = routes.find((r) => r.method === 'POST' && r.path === '/api/syncs/preview')!;
    for (const text of HOSTILE_TEXT) {
      const body = at(field, text);
      const res = await callRoute(create, { cookie, body });
      expect([201, 400], `${field}=${JSON.stringify(text.slice(0, 20))}`).toContain(res.status);
      const answer = (await res.json()) as { id?: string };
      if (answer.id) expect((await callRoute(remove, { cookie, params: { id: answer.id } })).status).toBe(204);
      const previewed = await callRoute(preview, { cookie, body: { settings: body, event: { event_type: text, user_id: text, event_properties: { [text]: text } } } });
      expect([200, 400], `preview ${field}`).toContain(previewed.status);
    }
  });
});

describe('pages', () => {
  const PAGE_DIR = path.resolve('app');
  function pagePaths(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'api' ? [] : pagePaths(full);
      if (entry.name !== 'page.tsx') return [];
      // Route groups such as (app) are not part of the URL; [id] becomes a sample id.
      const segments = path.relative(PAGE_DIR, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
      return [`/${segments.map((s) => (s.startsWith('[') ? 'some-id' : s)).join('/')}`];
    });
  }
  const pages = pagePaths(PAGE_DIR).filter((p) => p !== '/login');

  it.each(pages)('%s sends a visitor without a session to the login page', (page) => {
    const res = proxy(new NextRequest(new URL(page, 'http://localhost:3000')));
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toBe('/login');
    expect(location.origin).toBe('http://localhost:3000');
  });
});
