/**
 * The wrapper of every management API route handler: refuse cross-site writes → require a
 * signed-in user or an API token (401) → parse params and body with zod → call lib → answer
 * JSON. It owns the try/catch; errors become HTTP answers in lib/http/errors only.
 */
import type { z } from 'zod';
import { type Caller, identifyCaller, refusalMessage } from '@/lib/http/caller';
import { errorResponse, toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import { isCrossSiteRequest, originPolicyFromEnv } from '@/lib/http/same-origin';

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

interface RouteOptions<B extends Schema, P extends Schema> {
  body?: B;
  params?: P;
  /** Status of a successful answer that has a body; 200 unless given. */
  status?: number;
  /** Refuse API tokens: only a signed-in person manages the tokens themselves. */
  sessionOnly?: boolean;
}

export interface ApiInput<B, P> {
  body: B;
  params: P;
  request: Request;
  caller: Caller;
}

/** What Next passes as the second argument of a route handler. */
interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export function apiRoute<B extends Schema = undefined, P extends Schema = undefined>(
  options: RouteOptions<B, P>,
  handler: (input: ApiInput<Parsed<B>, Parsed<P>>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      if (isCrossSiteRequest(request, originPolicyFromEnv())) {
        return errorResponse(403, 'cross_site_request', 'Requests from other sites are refused.');
      }
      const caller = await identifyCaller(request.headers);
      if (!caller) return errorResponse(401, 'unauthenticated', refusalMessage(request.headers));
      if (options.sessionOnly && caller.kind !== 'session') {
        return errorResponse(403, 'session_required', 'API tokens cannot do this; sign in to the UI.');
      }
      const params = options.params?.parse(await context.params);
      const body = options.body?.parse(await readJson(request));
      const result = await handler({ body: body as Parsed<B>, params: params as Parsed<P>, request, caller });
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
