import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { createSync, listSyncs } from '@/lib/syncs/repository';
import { createSyncSchema } from '@/lib/syncs/schema';
import { checkSavedSync } from '@/lib/syncs/save-check';
import { toSyncView } from '@/lib/syncs/sync-view';

export const GET = apiRoute({}, async () => (await listSyncs(await defaultProjectId())).map(toSyncView));

export const POST = apiRoute({ body: createSyncSchema, status: 201 }, async ({ body }) => {
  const projectId = await defaultProjectId();
  return checkSavedSync(projectId, await createSync(projectId, body), body.restApiKey);
});
