import { loadForwardOverview } from '@/lib/forward/overview';
import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const GET = apiRoute({}, async () => loadForwardOverview(await defaultProjectId()));
