import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { allowUserAgain } from '@/lib/privacy/refused-users';
import { defaultProjectId } from '@/lib/projects/project-settings';

/** "Allow again": events of this user are taken from now on, before its grace period ends. */
export const DELETE = apiRoute({ params: z.object({ userId: z.string().min(1) }) }, async ({ params }) => {
  await allowUserAgain(await defaultProjectId(), params.userId);
});
