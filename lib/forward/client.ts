/**
 * Sends one request to Amplitude with a timeout. No answer (timeout, refused, cut connection)
 * is status 0 with the reason, so the caller classifies every outcome in one place
 * (lib/forward/outcome). The API key travels in the body only, never in a URL or a log line.
 */
import type { AmplitudeRequest } from '@/lib/forward/requests';

export interface AmplitudeAnswer {
  status: number;
  text: string;
}

export type SendToAmplitude = (baseUrl: string, request: AmplitudeRequest) => Promise<AmplitudeAnswer>;

/** Amplitude's answers are small JSON; a long body is cut so a proxy's HTML page cannot fill the failure log. */
const MAX_ANSWER_CHARS = 2_000;

export function createAmplitudeSender(options: { timeoutMs: number; fetch?: typeof fetch }): SendToAmplitude {
  const doFetch = options.fetch ?? fetch;
  return async (baseUrl, request) => {
    try {
      const res = await doFetch(`${baseUrl}${request.path}`, {
        method: 'POST',
        headers: { 'Content-Type': request.contentType, Accept: '*/*' },
        body: request.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      return { status: res.status, text: text.slice(0, MAX_ANSWER_CHARS) };
    } catch (err) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : `no answer: ${(err as Error).message}`;
      return { status: 0, text: reason };
    }
  };
}
