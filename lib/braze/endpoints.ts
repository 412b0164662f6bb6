import { findInstanceByCluster, findInstanceByHost, listBrazeInstances } from '@/lib/braze/instances';

export { listBrazeInstances };
export type { BrazeInstance } from '@/lib/braze/instances';

export type AllowedEndpoint =
  | { ok: true; baseUrl: string; cluster: string }
  | { ok: false; reason: string };

/** Cluster name reported for endpoints that come from the operator's custom list. */
export const CUSTOM_CLUSTER = 'custom';

type ParsedBase = { ok: true; url: URL; key: string } | { ok: false; reason: string };

// A REST base URL never needs these. They are rejected on the raw text because the WHATWG URL
// parser would otherwise "repair" them into a different URL: it strips tabs and newlines, reads
// `\` as `/`, decodes `%2e` inside hosts, and takes `@`, `?`, `#` as userinfo, query, fragment.
// Anything outside printable ASCII is rejected too, which stops Unicode look-alike hosts
// (`brаze.com` with a Cyrillic `а`) before the parser turns them into punycode.
const NOT_PRINTABLE_ASCII = /[^\x21-\x7e]/;
const NEVER_IN_BASE_URL = /[\\@?#%]/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function findRawTextProblem(text: string, assumeHttps: boolean): string | undefined {
  if (text === '') return 'is empty';
  if (NOT_PRINTABLE_ASCII.test(text)) return 'contains whitespace, control or non-ASCII characters (look-alike hosts are refused)';
  const forbidden = NEVER_IN_BASE_URL.exec(text);
  if (forbidden) return `contains "${forbidden[0]}", which a REST base URL never needs`;
  if (HAS_SCHEME.test(text)) return undefined;
  if (!assumeHttps) return 'must start with http:// or https://';
  return /^[a-z0-9]/i.test(text) ? undefined : 'is not a valid URL';
}

function parseBaseUrl(raw: string, options: { assumeHttps: boolean }): ParsedBase {
  const text = raw.trim();
  const problem = findRawTextProblem(text, options.assumeHttps);
  if (problem) return { ok: false, reason: problem };
  const withScheme = HAS_SCHEME.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'is not a valid URL' };
  }
  // The host must be written as the parser would write it, so `0x7f000001` or `[0::1]` cannot
  // stand in for a listed `127.0.0.1` or `[::1]`: what is compared is what was typed.
  const prefix = `${url.protocol}//${url.host}`;
  if (!withScheme.toLowerCase().startsWith(prefix) || !/^($|[/:])/.test(withScheme.slice(prefix.length))) {
    return { ok: false, reason: 'has a host that is not written in its plain form' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must use http:// or https://' };
  // Unreachable after the raw-text checks; kept so this function is safe on its own.
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'must not contain credentials, a query or a fragment' };
  }
  return { ok: true, url, key: `${url.origin}${url.pathname.replace(/\/$/, '')}` };
}

function parseCustomEntry(entry: string): ParsedBase {
  const parsed = parseBaseUrl(entry, { assumeHttps: false });
  // A custom entry must not become a way to send the key to Braze itself in clear text.
  if (parsed.ok && parsed.url.protocol === 'http:' && findInstanceByHost(parsed.url.hostname)) {
    return { ok: false, reason: 'uses http:// for a Braze host, which is reached over https only' };
  }
  return parsed;
}

/**
 * Decide whether `input` may be called, and return the normalised base URL to call.
 *
 * Allowed: a cluster name (`US-01`), a Braze REST URL from the table (https, default port, no
 * path), or an entry of `customEndpoints` (compared as parsed origin + path without trailing
 * slash; only these may use http://, e.g. a local fake or an egress proxy). Everything else is
 * refused, so the API key is never sent to a host the operator did not list.
 */
export function resolveAllowedEndpoint(input: string, customEndpoints: readonly string[]): AllowedEndpoint {
  const byCluster = /^[a-z]{2}-\d{2}$/i.test(input.trim()) ? findInstanceByCluster(input.trim()) : undefined;
  if (byCluster) return { ok: true, baseUrl: byCluster.restUrl, cluster: byCluster.cluster };

  const parsed = parseBaseUrl(input, { assumeHttps: true });
  if (!parsed.ok) return { ok: false, reason: `Braze endpoint ${parsed.reason}` };

  const custom = customEndpoints.map(parseCustomEntry).find((entry) => entry.ok && entry.key === parsed.key);
  if (custom) return { ok: true, baseUrl: parsed.key, cluster: CUSTOM_CLUSTER };

  const instance = findInstanceByHost(parsed.url.hostname);
  if (!instance) {
    return { ok: false, reason: 'Braze endpoint is neither a Braze REST endpoint (rest.<cluster>…) nor a configured custom endpoint' };
  }
  if (parsed.url.protocol !== 'https:') return { ok: false, reason: 'Braze REST endpoints must use https://' };
  if (parsed.url.port !== '') return { ok: false, reason: 'Braze REST endpoints use the default https port' };
  if (parsed.key !== instance.restUrl) {
    return { ok: false, reason: 'Braze endpoint must be the base URL only, without a path such as /users/track' };
  }
  return { ok: true, baseUrl: instance.restUrl, cluster: instance.cluster };
}

/**
 * Parse the operator's comma-separated list of extra allowed base URLs (a fake Braze, a proxy).
 * Returns the normalised entries; throws on the first bad one, naming it with any credentials
 * masked so the message is safe to log.
 */
export function parseCustomEndpoints(csv: string): string[] {
  const entries = csv.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const normalised = entries.map((entry) => {
    const parsed = parseCustomEntry(entry);
    if (parsed.ok) return parsed.key;
    const shown = JSON.stringify(entry.replace(/\/\/[^/]*@/, '//***@'));
    throw new Error(`Invalid custom Braze endpoint ${shown}: it ${parsed.reason}`);
  });
  return [...new Set(normalised)];
}
