import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { deleteSync, getSync, updateSync } from '@/lib/syncs/repository';
import { syncIdSchema, updateSyncSchema } from '@/lib/syncs/schema';
import { toSyncView } from '@/lib/syncs/sync-view';

export const GET = apiRoute({ params: syncIdSchema }, async ({ params }) => toSyncView(await getSync(await defaultProjectId(), params.id)));

export const PUT = apiRoute({ params: syncIdSchema, body: updateSyncSchema }, async ({ params, body }) =>
  toSyncView(await updateSync(await defaultProjectId(), params.id, body)),
);

export const DELETE = apiRoute({ params: syncIdSchema }, async ({ params }) => {
  await deleteSync(await defaultProjectId(), params.id);
});
