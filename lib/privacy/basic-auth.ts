/** `Authorization: Basic base64(api_key:secret_key)`, as Amplitude's User Privacy API is called. */
export interface BasicCredentials {
  apiKey: string;
  secretKey: string;
}

export function readBasicAuth(header: string | undefined): BasicCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { apiKey: decoded.slice(0, colon), secretKey: decoded.slice(colon + 1) };
}
