/** The Settings page's privacy forms, checked with the same schemas by the form and the API. */
import { z } from 'zod';
import { MAX_USERS_PER_REQUEST, userIdText } from '@/lib/privacy/request-schema';

const splitIds = (text: string) => text.split(/[\n,]/);

/** One user ID per line (or separated by commas) as a person pastes them, or a list from a script. */
export const deleteUsersFormSchema = z.object({
  userIds: z
    .union([z.string().transform(splitIds), z.array(z.string())])
    .transform((ids) => [...new Set(ids.map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(userIdText).min(1, 'Enter at least one user ID').max(MAX_USERS_PER_REQUEST, `At most ${MAX_USERS_PER_REQUEST} users at a time`)),
});
export type DeleteUsersInput = z.output<typeof deleteUsersFormSchema>;

// Amplitude asks for deletions to be complete within 30 days; longer refusal than a year is a block list, not a grace period.
export const graceDaysSchema = z.object({
  graceDays: z.coerce.number({ error: 'Enter a number of days' }).int('Whole days only').min(0, 'At least 0 days').max(365, 'At most 365 days'),
});

/** "Allow again" names one refused user. */
export const refusedUserParamsSchema = z.object({ userId: userIdText });
