/**
 * Sends an alert by email through the configured SMTP server with nodemailer (STARTTLS when the
 * server offers it, or TLS from the start when `secure`). The package is loaded when the first
 * email goes out, so a server without email alerts never needs it.
 */
import { AlertDeliveryError } from '@/lib/alerts/webhook';
import type { AlertMessage } from '@/lib/alerts/message';
import type { SmtpSettings } from '@/lib/alerts/settings';

const TIMEOUT_MS = 10_000;

/** The part of nodemailer's API used here. */
interface Nodemailer {
  createTransport(options: {
    host: string;
    port: number;
    secure: boolean;
    auth?: { user: string; pass: string };
    connectionTimeout: number;
    greetingTimeout: number;
    socketTimeout: number;
  }): { sendMail(mail: { from: string; to: string[]; subject: string; text: string }): Promise<unknown>; close(): void };
}

async function loadNodemailer(): Promise<Nodemailer> {
  const name = 'nodemailer';
  try {
    const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name)) as Nodemailer & { default?: Nodemailer };
    return mod.default ?? mod;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new AlertDeliveryError('Email alerts need the nodemailer package, which is not installed');
    throw err;
  }
}

export async function sendAlertEmail(smtp: SmtpSettings, message: AlertMessage): Promise<void> {
  const transport = (await loadNodemailer()).createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: smtp.from, to: smtp.to, subject: message.subject, text: message.text });
  } catch (err) {
    throw new AlertDeliveryError(`Email through ${smtp.host}:${smtp.port} failed: ${(err as Error).message}`);
  } finally {
    transport.close();
  }
}
