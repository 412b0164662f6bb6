/**
 * The body of `POST /api/2/deletions/users` in Amplitude's User Privacy API shape
 * (https://amplitude.com/docs/apis/analytics/user-privacy): `user_ids` and/or `amplitude_ids`
 * (up to 100 together), `requester`, `ignore_invalid_id`, `delete_from_org`. JSON or a form
 * (`user_ids` given several times); booleans may come as strings, as Amplitude's clients send them.
 */
import { z } from 'zod';
import { isStorableText } from '@/lib/db/storable-text';

// Amplitude: "Specify up to 100 users at a time."
export const MAX_USERS_PER_REQUEST = 100;
const MAX_ID_LENGTH = 1_024;

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
  .transform((v) => v === true || v === 'true' || v === 'True');

/** A user ID as stored and matched: Postgres cannot hold NUL or broken unicode. */
export const userIdText = z.string().trim().min(1, 'must not be empty').max(MAX_ID_LENGTH).refine(isStorableText, 'must not hold NUL or broken unicode');

const id = z.union([z.string(), z.number()]).transform(String).pipe(userIdText);

export const deletionRequestSchema = z
  .object({
    user_ids: z.array(id, { error: 'must be an array of user IDs' }).optional(),
    amplitude_ids: z.array(id, { error: 'must be an array of Amplitude IDs' }).optional(),
    requester: z.string({ error: 'must be text' }).trim().max(320).refine(isStorableText, 'must not hold NUL or broken unicode').optional(),
    ignore_invalid_id: flag.optional(),
    delete_from_org: flag.optional(),
  })
  .superRefine((body, ctx) => {
    const count = (body.user_ids?.length ?? 0) + (body.amplitude_ids?.length ?? 0);
    if (count === 0) ctx.addIssue({ code: 'custom', path: ['user_ids'], message: 'give at least one user ID in user_ids or amplitude_ids' });
    if (count > MAX_USERS_PER_REQUEST) ctx.addIssue({ code: 'custom', path: ['user_ids'], message: `at most ${MAX_USERS_PER_REQUEST} users per request` });
    // Amplitude: an organisation-wide deletion "must be by user_ids only".
    if (body.delete_from_org && body.amplitude_ids?.length) ctx.addIssue({ code: 'custom', path: ['amplitude_ids'], message: 'delete_from_org takes user_ids only' });
  });

export type DeletionRequestInput = z.output<typeof deletionRequestSchema>;

/** A form body as the JSON shape: repeated fields become arrays. */
export function formToDeletionBody(params: URLSearchParams): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of ['user_ids', 'amplitude_ids']) if (params.has(name)) body[name] = params.getAll(name);
  for (const name of ['requester', 'ignore_invalid_id', 'delete_from_org']) {
    const value = params.get(name);
    if (value !== null) body[name] = value;
  }
  return body;
}

/** `start_day` and `end_day` (YYYY-MM-DD) of the status listing; Amplitude allows six months at most. */
const day = z.string({ error: 'is required (YYYY-MM-DD)' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD');
export const MAX_LISTING_DAYS = 183;

export const statusListingSchema = z
  .object({ start_day: day, end_day: day })
  .refine((q) => q.start_day <= q.end_day, { path: ['end_day'], message: 'must not be before start_day' })
  .refine((q) => Date.parse(q.end_day) - Date.parse(q.start_day) <= MAX_LISTING_DAYS * 86_400_000, {
    path: ['end_day'],
    message: 'the range may span six months at most',
  });
