import { rangeQuerySchema } from '@/lib/dashboard/query-schemas';
import { loadSyncMetrics } from '@/lib/dashboard/sync-dashboard';
import { apiRoute } from '@/lib/http/api-route';
import { readQuery } from '@/lib/http/read-query';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { syncIdSchema } from '@/lib/syncs/schema';

export const GET = apiRoute({ params: syncIdSchema }, async ({ params, request }) =>
  loadSyncMetrics(await defaultProjectId(), params.id, readQuery(request, rangeQuerySchema).range),
);
