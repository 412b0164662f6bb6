import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { previewSyncRequest } from '@/lib/syncs/preview';
import { previewSchema } from '@/lib/syncs/schema';

export const POST = apiRoute({ body: previewSchema }, async ({ body }) => previewSyncRequest(await defaultProjectId(), body));
