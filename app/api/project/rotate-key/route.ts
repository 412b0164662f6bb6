import { apiRoute } from '@/lib/http/api-route';
import { publicBaseUrl } from '@/lib/http/public-base-url';
import { rotateProjectApiKey } from '@/lib/projects/project-settings';

export const POST = apiRoute({}, async ({ request }) => rotateProjectApiKey(publicBaseUrl(request)));
