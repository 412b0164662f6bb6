/**
 * What starting a history import takes, shared by the sync page's form and the API that starts
 * it (one schema, validated alike on both sides), and the actions on a running import.
 * Hours are UTC, as the Export API reads them (https://amplitude.com/docs/apis/analytics/export).
 */
import { z } from 'zod';


/** The Export API exports at most 365 days at once. */
export const MAX_IMPORT_DAYS = 365;
export const DEFAULT_RATE_SHARE = 25;

const HOUR = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(:00(:00(\.000)?)?Z?)?$/;

/** "2026-01-31T09:00" (a datetime-local field) or "2026-01-31T09" as the UTC hour it names. */
export function parseUtcHour(text: string): Date | null {
  const m = HOUR.exec(text.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])));
  return date.getUTCDate() === Number(m[3]) && date.getUTCHours() === Number(m[4]) ? date : null;
}

const utcHour = z.string().refine((v) => parseUtcHour(v) !== null, 'Enter a date and a whole hour (UTC)');

const credential = (what: string) => z.string().trim().min(1, `Enter the project's ${what}`).max(200, `The ${what} is at most 200 characters`);

export const startImportSchema = z
  .object({
    startHour: utcHour,
    endHour: utcHour,
    /** "US", "EU", or a custom base URL the installation allows (checked when the import starts). */
    region: z.string().trim().min(1).max(300).default('US'),
    apiKey: credential('API key'),
    secretKey: credential('secret key'),
    attributesOnly: z.boolean().default(true),
    rateShare: z.int('Enter a whole percentage').min(1, 'At least 1 %').max(100, 'At most 100 %').default(DEFAULT_RATE_SHARE),
  })
  .superRefine((v, ctx) => {
    const start = parseUtcHour(v.startHour);
    const end = parseUtcHour(v.endHour);
    if (!start || !end) return;
    if (end < start) ctx.addIssue({ code: 'custom', path: ['endHour'], message: 'The last hour must not come before the first' });
    else if (end.getTime() - start.getTime() > MAX_IMPORT_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['endHour'], message: `The Export API exports at most ${MAX_IMPORT_DAYS} days at once` });
    }
  });
export type StartImportInput = z.infer<typeof startImportSchema>;
export type StartImportForm = z.input<typeof startImportSchema>;

export const importActionSchema = z.object({ action: z.enum(['pause', 'resume', 'cancel']) });
export type ImportAction = z.infer<typeof importActionSchema>['action'];

export const importIdSchema = z.object({ id: z.string().min(1).max(64), importId: z.string().min(1).max(64) });
