/**
 * Refuses state-changing requests that a browser sent on behalf of another site, so a page
 * elsewhere cannot ride the session cookie (CSRF). A request is same-origin when its `Origin`
 * names the host the request itself was sent to (its `Host`, or a trusted proxy's
 * `X-Forwarded-Host`) or the host of PUBLIC_URL. Trusting the request's own host is what lets
 * the UI work at every address it is reached by (localhost, 127.0.0.1, the machine's IP or
 * name) with no list to keep: a page of another site cannot choose the Host its browser
 * sends, so its Origin never matches. Clients that send no Origin and no `Sec-Fetch-Site`
 * (curl, scripts) carry no ambient cookie risk.
 */
import { env } from '@/lib/env';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginPolicy {
  publicUrl?: string;
  /** A reverse proxy in front of the app sets X-Forwarded-Host (TRUST_PROXY). */
  trustProxy: boolean;
}

export function originPolicyFromEnv(): OriginPolicy {
  const config = env();
  return { publicUrl: config.PUBLIC_URL, trustProxy: config.TRUST_PROXY };
}

function hostOf(url: string): string | null {
  try {
    const { protocol, host } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? host : null;
  } catch {
    return null;
  }
}

/** Hosts (`name[:port]`, lower case) a same-origin request may name in its Origin. */
export function ownHosts(request: Request, policy: OriginPolicy): string[] {
  const forwarded = policy.trustProxy ? request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  const hosts = [forwarded || request.headers.get('host'), policy.publicUrl ? hostOf(policy.publicUrl) : null];
  return hosts.filter((h): h is string => Boolean(h)).map((h) => h.toLowerCase());
}

/**
 * The origins better-auth may trust for this request. Both schemes of each own host: TLS is
 * ended by a proxy in front of the app, which does not always say so.
 */
export function ownOrigins(request: Request, policy: OriginPolicy): string[] {
  return ownHosts(request, policy).flatMap((host) => [`http://${host}`, `https://${host}`]);
}

export function isCrossSiteRequest(request: Request, policy: OriginPolicy): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const originHost = hostOf(origin);
  return originHost === null || !ownHosts(request, policy).includes(originHost.toLowerCase());
}
