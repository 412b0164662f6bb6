import { env } from '@/lib/env';
import { apiRoute } from '@/lib/http/api-route';
import { listEndpointOptions } from '@/lib/syncs/endpoint-options';

export const GET = apiRoute({}, async () => listEndpointOptions(env().BRAZE_CUSTOM_ENDPOINTS));
