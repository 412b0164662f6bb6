import { apiRoute } from '@/lib/http/api-route';
import { readSyncDeletions } from '@/lib/privacy/overview';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { getSync } from '@/lib/syncs/repository';
import { syncIdSchema } from '@/lib/syncs/schema';

export const GET = apiRoute({ params: syncIdSchema }, async ({ params }) => {
  await getSync(await defaultProjectId(), params.id);
  return readSyncDeletions(params.id);
});
