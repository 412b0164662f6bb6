/**
 * The alert settings and "Send test alert" routes, through their own handlers with a signed-in
 * session, against a local webhook receiver over real HTTP: secrets are stored sealed and never
 * answered, a blank field keeps them, the test alert reaches the receiver, and a URL that is
 * not https (nor an allowed http host) is refused.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as readSettings, PUT as saveSettings } from '@/app/api/alerts/settings/route';
import { POST as sendTest } from '@/app/api/alerts/test/route';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '@/test/fakes/scripted-braze';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { ORIGIN, signInAsAdmin } from '@/test/management-api';

// Read once per process, before anything reads the configuration.
process.env.ALERT_WEBHOOK_ALLOW_HTTP = '127.0.0.1';

const TOKEN = 'T000/B000/secret-webhook-token';
let receiver: ScriptedServer;
let answer: ScriptedReply = { status: 200, body: 'ok' };
let cookie: string;

const noParams = { params: Promise.resolve({}) };
const blank = { webhookUrl: '', removeWebhook: false, emailEnabled: false, smtpHost: '', smtpPort: '', smtpSecure: false, smtpUser: '', smtpPassword: '', emailFrom: '', emailTo: '' };

function request(method: string, body?: unknown, signedIn = true): Request {
  const headers: Record<string, string> = { host: 'localhost:3000', origin: ORIGIN };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (signedIn) headers.cookie = cookie;
  return new Request(`${ORIGIN}/api/alerts/test`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

beforeAll(async () => {
  receiver = await startScriptedServer(() => answer);
  cookie = await signInAsAdmin();
});

beforeEach(() => {
  answer = { status: 200, body: 'ok' };
  receiver.requests.length = 0;
});

afterAll(async () => {
  await receiver?.close();
  await disconnectPrisma();
});

describe('alert settings API', () => {
  it('stores the webhook URL sealed, answers only a hint, and keeps it when saved blank', async () => {
    const url = `${receiver.baseUrl}/hooks/${TOKEN}`;
    const saved = await saveSettings(request('PUT', { ...blank, webhookUrl: url }), noParams);
    expect(saved.status).toBe(200);
    const view = (await saved.json()) as { webhookUrlHint: string };
    expect(view.webhookUrlHint).toBe(`${receiver.baseUrl}/…oken`);

    const again = await saveSettings(request('PUT', { ...blank, emailTo: 'ops@example.com' }), noParams);
    expect(again.status).toBe(200);
    const read = await readSettings(request('GET'), noParams);
    const text = await read.text();
    expect(text).not.toContain('secret-webhook-token');
    expect(JSON.parse(text)).toMatchObject({ webhookUrlHint: `${receiver.baseUrl}/…oken`, emailTo: 'ops@example.com', smtpPasswordSet: false });
    const row = await prisma().alertSettings.findFirstOrThrow();
    expect(row.webhookUrlCipher).toMatch(/^v1\./);
    expect(row.webhookUrlCipher).not.toContain('secret');
  });

  it('sends a test alert to the stored webhook: Slack-compatible JSON with structured fields', async () => {
    const res = await sendTest(request('POST', blank), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: [{ channel: 'webhook', ok: true }] });
    expect(receiver.requests).toHaveLength(1);
    const [hit] = receiver.requests;
    expect(hit).toMatchObject({ method: 'POST', url: `/hooks/${TOKEN}` });
    expect(hit!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(hit!.body) as { text: string; event: string; sentAt: string };
    expect(body.text).toMatch(/Test alert/);
    expect(body.event).toBe('test');
    expect(Date.parse(body.sentAt)).toBeGreaterThan(0);
  });

  it('reports a webhook that refuses, naming its host and status but not its path', async () => {
    answer = { status: 500, body: 'nope' };
    const res = await sendTest(request('POST', blank), noParams);
    const { results } = (await res.json()) as { results: { channel: string; ok: boolean; error: string }[] };
    expect(results).toEqual([{ channel: 'webhook', ok: false, error: `Webhook ${new URL(receiver.baseUrl).host} answered 500` }]);
  });

  it('tests the form as it stands: a typed URL replaces the stored one for the test only', async () => {
    const res = await sendTest(request('POST', { ...blank, webhookUrl: `${receiver.baseUrl}/other` }), noParams);
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([{ channel: 'webhook', ok: true }]);
    expect(receiver.requests.map((r) => r.url)).toEqual(['/other']);
    const read = (await (await readSettings(request('GET'), noParams)).json()) as { webhookUrlHint: string };
    expect(read.webhookUrlHint).toMatch(/…oken$/);
  });

  it('reports an email that could not be sent, without the password', async () => {
    const form = { ...blank, removeWebhook: true, emailEnabled: true, smtpHost: '127.0.0.1', smtpPort: '1', smtpUser: 'alerts', smtpPassword: 'smtp-secret-password', emailFrom: 'alerts@example.com', emailTo: 'ops@example.com, oncall@example.com' };
    const res = await sendTest(request('POST', form), noParams);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('smtp-secret-password');
    expect(JSON.parse(text)).toMatchObject({ results: [{ channel: 'email', ok: false }] });
    expect(receiver.requests).toHaveLength(0);
  });

  it.each([
    ['plain http to a host not allowed', { webhookUrl: 'http://hooks.example.com/x' }, 'webhookUrl', /ALERT_WEBHOOK_ALLOW_HTTP/],
    ['another scheme', { webhookUrl: 'ftp://hooks.example.com/x' }, 'webhookUrl', /https:\/\//],
    ['credentials in the URL', { webhookUrl: 'https://user:pw@hooks.example.com/x' }, 'webhookUrl', /user name or password/],
    ['email without a recipient', { emailEnabled: true, smtpHost: 'smtp.example.com', smtpPort: '587', emailFrom: 'a@example.com' }, 'emailTo', /recipient/],
    ['a port out of range', { smtpPort: '70000' }, 'smtpPort', /1 to 65535/],
  ])('refuses %s with a message on the field', async (_name, fields, field, message) => {
    for (const handler of [saveSettings, sendTest]) {
      const res = await handler(request(handler === saveSettings ? 'PUT' : 'POST', { ...blank, ...fields }), noParams);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { issues: Record<string, string[]> } };
      expect(error.issues[field]?.join(' ')).toMatch(message);
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses a test alert with no channel, and anything without a session', async () => {
    const none = await sendTest(request('POST', { ...blank, removeWebhook: true }), noParams);
    expect(none.status).toBe(400);
    expect((await sendTest(request('POST', blank, false), noParams)).status).toBe(401);
    expect((await readSettings(request('GET', undefined, false), noParams)).status).toBe(401);
    expect(receiver.requests).toHaveLength(0);
  });
});
