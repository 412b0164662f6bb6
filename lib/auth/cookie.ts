/** Prefix of the session cookies (`bzs.session_token`), shared by the auth server and the proxy. */
export const AUTH_COOKIE_PREFIX = 'bzs';
