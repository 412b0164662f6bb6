/**
 * The Forward to Amplitude settings route, through its own handlers: it requires a signed-in
 * caller, stores the API key sealed and never answers it, keeps it when saved blank, forgets it
 * on request, and refuses an Amplitude host this server does not allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as readSettings, PUT as saveSettings } from '@/app/api/project/forward/route';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { ORIGIN, signInAsAdmin } from '@/test/management-api';

// Read once per process, before anything reads the configuration.
process.env.AMPLITUDE_CUSTOM_ENDPOINTS = 'http://127.0.0.1:4305';

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const noParams = { params: Promise.resolve({}) };
let cookie: string;

function request(method: string, body?: unknown, signedIn = true): Request {
  const headers: Record<string, string> = { host: 'localhost:3000', origin: ORIGIN };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (signedIn) headers.cookie = cookie;
  return new Request(`${ORIGIN}/api/project/forward`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

beforeAll(async () => {
  cookie = await signInAsAdmin();
});
afterAll(() => disconnectPrisma());

describe('forward settings API', () => {
  it('refuses callers who are not signed in', async () => {
    expect((await readSettings(request('GET', undefined, false), noParams)).status).toBe(401);
    expect((await saveSettings(request('PUT', { enabled: true, region: 'US' }, false), noParams)).status).toBe(401);
  });

  it('stores the key sealed, answers only its last four characters, keeps it when blank and forgets it on request', async () => {
    const saved = await saveSettings(request('PUT', { enabled: true, region: 'EU', apiKey: KEY }), noParams);
    expect(saved.status).toBe(200);
    const text = await saved.text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toMatchObject({ enabled: true, region: 'EU', apiKeyLast4: '8f90', problem: null });
    const row = await prisma().forwardSettings.findUniqueOrThrow({ where: { projectId: await defaultProjectId() } });
    expect(row.apiKeyCipher).not.toContain(KEY);

    const kept = await saveSettings(request('PUT', { enabled: false, region: 'http://127.0.0.1:4305/' }), noParams);
    expect(await kept.json()).toMatchObject({ enabled: false, apiKeyLast4: '8f90', regions: expect.arrayContaining([{ value: 'http://127.0.0.1:4305', label: 'Custom: http://127.0.0.1:4305' }]) });

    const forgotten = await saveSettings(request('PUT', { enabled: true, region: 'US', useIngestionKey: true }), noParams);
    expect(await forgotten.json()).toMatchObject({ enabled: true, region: 'US', apiKeyLast4: null });
  });

  it('refuses an Amplitude host that is not allowed, naming the field', async () => {
    const refused = await saveSettings(request('PUT', { enabled: true, region: 'https://collector.example.com' }), noParams);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { issues: { region: [expect.stringContaining('AMPLITUDE_CUSTOM_ENDPOINTS')] } } });
  });
});
