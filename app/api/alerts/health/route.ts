import { listProjectHealth } from '@/lib/health-states/health-view';
import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const GET = apiRoute({}, async () => listProjectHealth(await defaultProjectId()));
