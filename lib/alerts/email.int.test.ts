/**
 * Email alerts through a real SMTP server on loopback (smtp-server, the SMTP library nodemailer's
 * authors keep): the message arrives with its subject and text, authenticated, and a server that
 * refuses the sender makes a clear error naming the server, never a silent success.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAlertEmail } from '@/lib/alerts/email';
import type { SmtpSettings } from '@/lib/alerts/settings';

type Received = { from: string; to: string[]; user: string | undefined; data: string };
const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, _session, done) => (auth.username === 'alerts' && auth.password === 'smtp-secret' ? done(null, { user: auth.username }) : done(new Error('Invalid credentials'))),
    onMailFrom: (address, _session, done) => (address.address.endsWith('@refused.example') ? done(new Error('Sender refused')) : done()),
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          data: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const smtp = (over: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port,
  secure: false,
  user: 'alerts',
  password: 'smtp-secret',
  from: 'braze-streaming@example.com',
  to: ['oncall@example.com', 'team@example.com'],
  ...over,
});

const message = { subject: 'Braze (production) is failing', text: 'Nothing delivered in the last 60 s.', payload: { text: 'failing', event: 'test' as const } };

describe('sendAlertEmail', () => {
  it('delivers the alert to every recipient, authenticated', async () => {
    await sendAlertEmail(smtp(), message);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'braze-streaming@example.com', to: ['oncall@example.com', 'team@example.com'], user: 'alerts' });
    expect(received[0]!.data).toContain('Subject: Braze (production) is failing');
    expect(received[0]!.data).toContain('Nothing delivered in the last 60 s.');
  });

  it('fails with the server named when the server refuses', async () => {
    await expect(sendAlertEmail(smtp({ from: 'x@refused.example' }), message)).rejects.toThrow(`Email through 127.0.0.1:${port} failed`);
    await expect(sendAlertEmail(smtp({ password: 'wrong' }), message)).rejects.toThrow(/127\.0\.0\.1/);
  });
});
