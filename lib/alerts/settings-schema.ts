/**
 * Where a project's health alerts go, as the Settings form holds it and the API saves it: one
 * schema for both. Secrets (the webhook URL, which often carries a token, and the SMTP password)
 * are write-only: blank keeps the stored value.
 */
import { z } from 'zod';
import { isStorableText } from '@/lib/db/storable-text';

const STORABLE = [isStorableText, 'Remove the NUL or broken unicode character'] as const;
const text = (max: number) => z.string().trim().max(max).refine(...STORABLE).default('');

function isWebUrl(value: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const EMAIL = z.email('Enter an email address');
const emailList = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

export const alertSettingsSchema = z
  .object({
    /** Slack-compatible incoming webhook; blank keeps the stored one. */
    webhookUrl: text(2_000).refine((v) => v === '' || isWebUrl(v), 'Enter a URL starting with https://'),
    removeWebhook: z.boolean().default(false),
    emailEnabled: z.boolean().default(false),
    smtpHost: text(255).refine((v) => !/[\s/]/.test(v), 'Enter a host name, without a scheme or path'),
    smtpPort: text(5).refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65_535), 'Enter a port from 1 to 65535'),
    smtpSecure: z.boolean().default(false),
    smtpUser: text(255),
    /** Blank keeps the stored one. */
    smtpPassword: text(1_000),
    emailFrom: text(320).refine((v) => v === '' || EMAIL.safeParse(v).success, 'Enter an email address'),
    /** Comma-separated. */
    emailTo: text(2_000).refine((v) => emailList(v).every((e) => EMAIL.safeParse(e).success), 'Enter email addresses, separated by commas'),
  })
  .superRefine((v, ctx) => {
    if (!v.emailEnabled) return;
    const required = [
      ['smtpHost', 'Enter the SMTP server'],
      ['smtpPort', 'Enter the SMTP port'],
      ['emailFrom', 'Enter the sender address'],
      ['emailTo', 'Enter at least one recipient'],
    ] as const;
    for (const [field, message] of required) if (!v[field]) ctx.addIssue({ code: 'custom', message, path: [field] });
  });

export type AlertSettingsInput = z.infer<typeof alertSettingsSchema>;
export type AlertSettingsFormValues = z.input<typeof alertSettingsSchema>;

export { emailList };

/** The settings as the API answers them: no secret, only whether one is stored and a hint. */
export interface AlertSettingsView {
  /** Host and last four characters of the stored webhook URL, or null when there is none. */
  webhookUrlHint: string | null;
  emailEnabled: boolean;
  smtpHost: string;
  smtpPort: string;
  smtpSecure: boolean;
  smtpUser: string;
  smtpPasswordSet: boolean;
  emailFrom: string;
  emailTo: string;
}
