import { saveAlertSettings, readAlertSettings } from '@/lib/alerts/settings';
import { alertSettingsSchema } from '@/lib/alerts/settings-schema';
import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const GET = apiRoute({}, async () => readAlertSettings(await defaultProjectId()));

export const PUT = apiRoute({ body: alertSettingsSchema }, async ({ body }) => saveAlertSettings(await defaultProjectId(), body));
