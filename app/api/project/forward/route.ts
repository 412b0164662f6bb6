import { forwardSettingsSchema } from '@/lib/forward/settings-schema';
import { readForwardSettings, saveForwardSettings } from '@/lib/forward/settings';
import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const GET = apiRoute({}, async () => readForwardSettings(await defaultProjectId()));

export const PUT = apiRoute({ body: forwardSettingsSchema }, async ({ body }) => saveForwardSettings(await defaultProjectId(), body));
