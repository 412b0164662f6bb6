/**
 * Requests the product does not serve, answered as data rather than as a page: an SDK or script
 * that posts to a wrong path (or asks for JSON) must see a JSON 404 it can log, not a redirect to
 * the sign-in page. Only browsers navigating to pages are sent to sign in.
 */

/** A write (any method but GET/HEAD) or a request that asks for JSON and not for a page. */
export function wantsData(method: string, accept: string | null): boolean {
  if (method !== 'GET' && method !== 'HEAD') return true;
  const types = (accept ?? '').toLowerCase();
  return types.includes('application/json') && !types.includes('text/html');
}

export function notFoundResponse(method: string, pathname: string): Response {
  return Response.json(
    { code: 404, error: `Not found: ${method} ${pathname.slice(0, 200)}. Events go to /2/httpapi, /batch, /identify or /groupidentify.` },
    { status: 404 },
  );
}
