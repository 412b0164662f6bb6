/**
 * Alert webhooks are user-configured URLs the worker posts to: https only, or plain http to hosts
 * the operator named in ALERT_WEBHOOK_ALLOW_HTTP (a relay inside the network), and never with
 * credentials in the URL's user part. Checked when saved and again before every send.
 */
import { invalidInput } from '@/lib/http/app-error';

export function checkWebhookUrl(value: string, allowHttpHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidInput('Enter a URL starting with https://', 'webhookUrl');
  }
  if (url.username || url.password) throw invalidInput('Put no user name or password before the host', 'webhookUrl');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && allowHttpHosts.includes(url.hostname)) return url;
  if (url.protocol === 'http:') {
    throw invalidInput(`Use https://; plain http is allowed only to hosts in ALERT_WEBHOOK_ALLOW_HTTP (not ${url.hostname})`, 'webhookUrl');
  }
  throw invalidInput('Enter a URL starting with https://', 'webhookUrl');
}

/** What the UI may show of a stored webhook URL (its path usually is the secret). */
export function webhookUrlHint(url: URL): string {
  return `${url.protocol}//${url.host}/…${url.href.slice(-4)}`;
}
