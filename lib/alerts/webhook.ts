/**
 * Posts an alert to a webhook: JSON, a 5 s timeout, redirects not followed (a redirect could lead
 * anywhere), any answer but 2xx an error. Errors name the host and the status, never the URL,
 * whose path is usually the secret.
 */
import { checkWebhookUrl } from '@/lib/alerts/webhook-url';

const TIMEOUT_MS = 5_000;

export class AlertDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlertDeliveryError';
  }
}

export async function postWebhook(url: string, payload: unknown, allowHttpHosts: readonly string[], fetchFn: typeof fetch = fetch): Promise<void> {
  const target = checkWebhookUrl(url, allowHttpHosts);
  let response: Response;
  try {
    response = await fetchFn(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    throw new AlertDeliveryError(`Webhook ${target.host} ${timedOut ? `did not answer within ${TIMEOUT_MS / 1000} s` : 'could not be reached'}`);
  }
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) throw new AlertDeliveryError(`Webhook ${target.host} answered ${response.status}`);
}
