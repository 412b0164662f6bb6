/**
 * Refuses state-changing requests that a browser sent on behalf of another site, so a page
 * elsewhere cannot ride the session cookie (CSRF). Browsers send `Sec-Fetch-Site` and `Origin`
 * with such requests; clients that send neither (curl, scripts) carry no ambient cookie risk.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function isCrossSiteRequest(request: Request, publicUrl?: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const originHost = hostOf(origin);
  const allowed = [request.headers.get('x-forwarded-host'), request.headers.get('host'), publicUrl ? hostOf(publicUrl) : null];
  return originHost === null || !allowed.some((host) => host && host === originHost);
}
