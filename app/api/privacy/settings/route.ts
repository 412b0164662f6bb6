import { apiRoute } from '@/lib/http/api-route';
import { saveGraceDays } from '@/lib/privacy/overview';
import { graceDaysSchema } from '@/lib/privacy/settings-schema';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const PUT = apiRoute({ body: graceDaysSchema }, async ({ body }) => {
  await saveGraceDays(await defaultProjectId(), body.graceDays);
});
