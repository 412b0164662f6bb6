const REDACTED = '[redacted]';

/**
 * `text` with the API key removed, and any `Bearer <token>` masked, in case a proxy or error
 * page echoes the request headers. Secrets are never logged (STYLE.md §4).
 */
export function redactSecret(text: string, secret: string): string {
  const withoutSecret = secret === '' ? text : text.split(secret).join(REDACTED);
  return withoutSecret.replace(/(bearer\s+)(["']?)[^\s"',;]+\2/gi, `$1${REDACTED}`);
}

/** A copy of `value` with `redactSecret` applied to every string inside it. */
export function redactStrings<T>(value: T, secret: string): T {
  if (typeof value === 'string') return redactSecret(value, secret) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, secret)) as T;
  if (typeof value === 'object' && value !== null && !(value instanceof Headers)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, secret)])) as T;
  }
  return value;
}
