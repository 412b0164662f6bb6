/**
 * Where to go after signing in: only a path on this site. Anything else (`//evil.example`,
 * `https://…`, `/\evil`) would make the login page an open redirect.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/catalog'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f]/.test(next)) return fallback;
  if (next === '/login' || next.startsWith('/login?')) return fallback;
  return next;
}
