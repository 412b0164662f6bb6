import { apiRoute } from '@/lib/http/api-route';
import { describeCaller } from '@/lib/http/caller';
import { createApiToken, listApiTokens } from '@/lib/tokens/repository';
import { createApiTokenSchema } from '@/lib/tokens/schema';

// Tokens never manage tokens: one leaked token must not be able to mint or keep others.
export const GET = apiRoute({ sessionOnly: true }, () => listApiTokens());

export const POST = apiRoute({ sessionOnly: true, body: createApiTokenSchema, status: 201 }, ({ body, caller }) =>
  createApiToken(body, describeCaller(caller)),
);
