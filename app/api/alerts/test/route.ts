import { alertSettingsSchema } from '@/lib/alerts/settings-schema';
import { sendTestAlert } from '@/lib/alerts/test-alert';
import { apiRoute } from '@/lib/http/api-route';
import { defaultProjectId } from '@/lib/projects/project-settings';

export const POST = apiRoute({ body: alertSettingsSchema }, async ({ body }) => sendTestAlert(await defaultProjectId(), body));
