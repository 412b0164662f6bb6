/**
 * Pages need a signed-in user. This is the cheap first check (is there a session cookie at all?)
 * that sends people to the login page with the page they wanted; the (app) layout then checks
 * the session itself against the database. API routes check on their own (lib/http/api-route).
 * Writes and JSON requests to these paths get a JSON 404 instead (lib/http/not-found).
 */
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { AUTH_COOKIE_PREFIX, REQUEST_PATH_HEADER } from '@/lib/auth/constants';
import { notFoundResponse, wantsData } from '@/lib/http/not-found';

export function proxy(request: NextRequest) {
  // No page takes a write or answers JSON: such a request is a client at the wrong path.
  if (wantsData(request.method, request.headers.get('accept'))) return notFoundResponse(request.method, request.nextUrl.pathname);
  const path = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (!getSessionCookie(request, { cookiePrefix: AUTH_COOKIE_PREFIX })) {
    const login = new URL('/login', request.url);
    if (path !== '/') login.searchParams.set('next', path);
    return NextResponse.redirect(login);
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Public files (favicon, icon, robots.txt) are served to signed-out visitors and crawlers too.
  matcher: ['/((?!api/|_next/|favicon.ico|icon.svg|robots.txt|login).*)'],
};
