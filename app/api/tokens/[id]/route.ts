import { apiRoute } from '@/lib/http/api-route';
import { revokeApiToken } from '@/lib/tokens/repository';
import { apiTokenIdSchema } from '@/lib/tokens/schema';

export const DELETE = apiRoute({ sessionOnly: true, params: apiTokenIdSchema }, async ({ params }) => {
  await revokeApiToken(params.id);
});
