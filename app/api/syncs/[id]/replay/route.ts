import { replayRequestSchema } from '@/lib/dashboard/query-schemas';
import { replayFromDashboard } from '@/lib/dashboard/replay';
import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { syncIdSchema } from '@/lib/syncs/schema';

export const POST = apiRoute({ params: syncIdSchema, body: replayRequestSchema, status: 202 }, async ({ params, body }) =>
  replayFromDashboard(await defaultProjectId(), params.id, body),
);
