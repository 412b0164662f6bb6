import { apiRoute } from '@/lib/http/api-route';
import { allowUserAgain } from '@/lib/privacy/refused-users';
import { refusedUserParamsSchema } from '@/lib/privacy/settings-schema';
import { defaultProjectId } from '@/lib/projects/project-settings';

/** "Allow again": events of this user are taken from now on, before its grace period ends. */
export const DELETE = apiRoute({ params: refusedUserParamsSchema }, async ({ params }) => {
  await allowUserAgain(await defaultProjectId(), params.userId);
});
