import { apiRoute } from '@/lib/http/api-route';
import { rotateDeletionSecret } from '@/lib/privacy/secret-key';
import { defaultProjectId } from '@/lib/projects/project-settings';

/** The only answer that ever holds the secret key: it is shown once. */
export const POST = apiRoute({ sessionOnly: true }, async () => rotateDeletionSecret(await defaultProjectId()));
