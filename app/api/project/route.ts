import { apiRoute } from '@/lib/http/api-route';
import { publicBaseUrl } from '@/lib/http/public-base-url';
import { readProjectSettings } from '@/lib/projects/project-settings';

export const GET = apiRoute({}, async ({ request }) => readProjectSettings(publicBaseUrl(request)));
