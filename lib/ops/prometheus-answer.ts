/**
 * `GET /api/metrics/prometheus`: off (404, saying how to turn it on) until METRICS_TOKEN is set;
 * then only for `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). The text names syncs and
 * counts, never a key or a setting.
 */
import { matchesBearerToken } from '@/lib/ops/bearer-token';

export interface TextAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const text = (status: number, body: string, headers: Record<string, string> = {}): TextAnswer => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  body,
});

export const METRICS_OFF_MESSAGE =
  'The Prometheus endpoint is off. Set METRICS_TOKEN (at least 16 characters) in the environment and restart, ' +
  'then scrape with the header "Authorization: Bearer <METRICS_TOKEN>".\n';

export async function answerPrometheus(
  authorization: string | undefined,
  token: string | undefined,
  render: () => Promise<{ contentType: string; text: string }>,
): Promise<TextAnswer> {
  if (!token) return text(404, METRICS_OFF_MESSAGE);
  if (!matchesBearerToken(authorization, token)) {
    return text(401, 'Send the header "Authorization: Bearer <METRICS_TOKEN>".\n', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
  }
  const metrics = await render();
  return text(200, metrics.text, { 'Content-Type': metrics.contentType });
}
