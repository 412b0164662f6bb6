/** Prefix of the session cookies (`bzs.session_token`), shared by the auth server and the proxy. */
export const AUTH_COOKIE_PREFIX = 'bzs';

/** Request header by which the proxy tells server layouts the path being requested. */
export const REQUEST_PATH_HEADER = 'x-request-path';
