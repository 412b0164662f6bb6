import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { deleteSync, getSync, updateSync } from '@/lib/syncs/repository';
import { syncIdSchema, updateSyncSchema } from '@/lib/syncs/schema';
import { checkSavedSync } from '@/lib/syncs/save-check';
import { toSyncView } from '@/lib/syncs/sync-view';

export const GET = apiRoute({ params: syncIdSchema }, async ({ params }) => toSyncView(await getSync(await defaultProjectId(), params.id)));

export const PUT = apiRoute({ params: syncIdSchema, body: updateSyncSchema }, async ({ params, body }) => {
  const projectId = await defaultProjectId();
  return checkSavedSync(projectId, await updateSync(projectId, params.id, body), body.restApiKey);
});

export const DELETE = apiRoute({ params: syncIdSchema }, async ({ params }) => {
  await deleteSync(await defaultProjectId(), params.id);
});
