/**
 * Any API path no route serves, with any method: a JSON 404 (lib/http/not-found), never Next's
 * HTML page. It serves nothing, so it needs no session.
 */
import { notFoundResponse } from '@/lib/http/not-found';

function notFound(request: Request): Response {
  return notFoundResponse(request.method, new URL(request.url).pathname);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
