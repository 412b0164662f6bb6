/**
 * A project's alert settings (table alert_settings): read for the Settings page without secrets,
 * saved with the secrets sealed, and opened into channels for sending.
 */
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { openAlertSecret, sealAlertSecret } from '@/lib/alerts/sealed';
import { emailList, type AlertSettingsInput, type AlertSettingsView } from '@/lib/alerts/settings-schema';
import { checkWebhookUrl, webhookUrlHint } from '@/lib/alerts/webhook-url';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  to: string[];
}

/** Where alerts go; null channels are not configured. */
export interface AlertChannels {
  webhookUrl: string | null;
  email: SmtpSettings | null;
}

function findSettings(projectId: string) {
  return prisma().alertSettings.findUnique({ where: { projectId } });
}

export async function readAlertSettings(projectId: string): Promise<AlertSettingsView> {
  const row = await findSettings(projectId);
  return {
    webhookUrlHint: row?.webhookUrlHint ?? null,
    emailEnabled: row?.emailEnabled ?? false,
    smtpHost: row?.smtpHost ?? '',
    smtpPort: row?.smtpPort ? String(row.smtpPort) : '',
    smtpSecure: row?.smtpSecure ?? false,
    smtpUser: row?.smtpUser ?? '',
    smtpPasswordSet: Boolean(row?.smtpPasswordCipher),
    emailFrom: row?.emailFrom ?? '',
    emailTo: row?.emailTo ?? '',
  };
}

function webhookFields(input: AlertSettingsInput): { webhookUrlCipher: string | null; webhookUrlHint: string | null } | Record<string, never> {
  if (input.webhookUrl) {
    const url = checkWebhookUrl(input.webhookUrl, env().ALERT_WEBHOOK_ALLOW_HTTP);
    return { webhookUrlCipher: sealAlertSecret(url.href), webhookUrlHint: webhookUrlHint(url) };
  }
  return input.removeWebhook ? { webhookUrlCipher: null, webhookUrlHint: null } : {};
}

export async function saveAlertSettings(projectId: string, input: AlertSettingsInput): Promise<AlertSettingsView> {
  const data = {
    ...webhookFields(input),
    ...emailColumnsOf(input),
    // A blank password keeps the stored one, unless there is no user to sign in as any more.
    ...(input.smtpPassword ? { smtpPasswordCipher: sealAlertSecret(input.smtpPassword) } : input.smtpUser ? {} : { smtpPasswordCipher: null }),
  };
  await prisma().alertSettings.upsert({ where: { projectId }, create: { projectId, ...data }, update: data });
  return readAlertSettings(projectId);
}

interface EmailFields {
  emailEnabled: boolean;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean;
  smtpUser: string | null;
  emailFrom: string | null;
  emailTo: string | null;
}

function emailColumnsOf(input: AlertSettingsInput): EmailFields {
  return {
    emailEnabled: input.emailEnabled,
    smtpHost: input.smtpHost || null,
    smtpPort: input.smtpPort ? Number(input.smtpPort) : null,
    smtpSecure: input.smtpSecure,
    smtpUser: input.smtpUser || null,
    emailFrom: input.emailFrom || null,
    emailTo: input.emailTo || null,
  };
}

function smtpOf(s: EmailFields, password: string | null): SmtpSettings | null {
  if (!s.emailEnabled || !s.smtpHost || !s.smtpPort || !s.emailFrom || !s.emailTo) return null;
  return { host: s.smtpHost, port: s.smtpPort, secure: s.smtpSecure, user: s.smtpUser, password: s.smtpUser ? password : null, from: s.emailFrom, to: emailList(s.emailTo) };
}

async function openStored(projectId: string) {
  const row = await findSettings(projectId);
  return {
    row,
    webhookUrl: row?.webhookUrlCipher ? openAlertSecret(row.webhookUrlCipher) : null,
    password: row?.smtpPasswordCipher ? openAlertSecret(row.smtpPasswordCipher) : null,
  };
}

/** The saved channels, secrets opened. */
export async function loadAlertChannels(projectId: string): Promise<AlertChannels> {
  const { row, webhookUrl, password } = await openStored(projectId);
  return { webhookUrl, email: row ? smtpOf(row, password) : null };
}

/** The channels of the form as it stands (for a test alert): blank secrets are the stored ones. */
export async function channelsOfForm(projectId: string, input: AlertSettingsInput): Promise<AlertChannels> {
  const stored = await openStored(projectId);
  const webhookUrl = input.webhookUrl ? checkWebhookUrl(input.webhookUrl, env().ALERT_WEBHOOK_ALLOW_HTTP).href : input.removeWebhook ? null : stored.webhookUrl;
  return { webhookUrl, email: smtpOf(emailColumnsOf(input), input.smtpPassword || stored.password) };
}
