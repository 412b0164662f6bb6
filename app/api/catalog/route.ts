import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';
import { readCatalog } from '@/lib/syncs/catalog';
import { readRecentUser } from '@/lib/syncs/recent-user';

export const GET = apiRoute({}, async () => {
  const projectId = await defaultProjectId();
  const [catalog, recentUser] = await Promise.all([readCatalog(projectId), readRecentUser(projectId)]);
  return { ...catalog, recentUser };
});
