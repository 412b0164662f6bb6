import { loadOverview } from '@/lib/dashboard/overview';
import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const GET = apiRoute({}, async () => loadOverview(await defaultProjectId()));
