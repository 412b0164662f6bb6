/**
 * Sends an alert by email through the configured SMTP server with nodemailer (STARTTLS when the
 * server offers it, or TLS from the start when `secure`).
 */
import nodemailer from 'nodemailer';
import { AlertDeliveryError } from '@/lib/alerts/webhook';
import type { AlertMessage } from '@/lib/alerts/message';
import type { SmtpSettings } from '@/lib/alerts/settings';

const TIMEOUT_MS = 10_000;

export async function sendAlertEmail(smtp: SmtpSettings, message: AlertMessage): Promise<void> {
  const transport = nodemailer.createTransport({
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
