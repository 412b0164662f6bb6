import { apiRoute } from '@/lib/http/api-route';
import { readPrivacyOverview } from '@/lib/privacy/overview';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const GET = apiRoute({}, async () => readPrivacyOverview(await defaultProjectId()));
