import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { setSyncEnabled } from '@/lib/syncs/repository';
import { syncIdSchema, syncStatusSchema } from '@/lib/syncs/schema';
import { toSyncView } from '@/lib/syncs/sync-view';

export const PUT = apiRoute({ params: syncIdSchema, body: syncStatusSchema }, async ({ params, body }) =>
  toSyncView(await setSyncEnabled(await defaultProjectId(), params.id, body.enabled, body.dryRun)),
);
