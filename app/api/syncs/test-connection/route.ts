import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { testConnectionSchema } from '@/lib/syncs/schema';
import { testSyncConnection } from '@/lib/syncs/test-connection';

export const POST = apiRoute({ body: testConnectionSchema }, async ({ body }) => testSyncConnection(await defaultProjectId(), body));
