/** Inputs of the API token routes, shared by the Settings form and the API. */
import { z } from 'zod';
import { isStorableText } from '@/lib/db/storable-text';

const TOKEN_NAME = 'Enter a name for the token';

export const createApiTokenSchema = z.object({
  name: z.string({ error: TOKEN_NAME }).trim().min(1, TOKEN_NAME).max(100, 'Use at most 100 characters').refine(isStorableText, 'Remove the NUL or broken unicode character'),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const apiTokenIdSchema = z.object({ id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Not a valid id') });
