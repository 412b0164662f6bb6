import { describe, expect, it, vi } from 'vitest';
import { matchesBearerToken } from '@/lib/ops/bearer-token';
import { answerPrometheus, METRICS_OFF_MESSAGE } from '@/lib/ops/prometheus-answer';

const TOKEN = 'a-long-metrics-token-0123456789';
const render = () => Promise.resolve({ contentType: 'text/plain; version=0.0.4; charset=utf-8', text: 'braze_streaming_workers_live 1\n' });

describe('matchesBearerToken', () => {
  it.each([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true],
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN.slice(1)}`, false],
    [TOKEN, false],
    [`Basic ${TOKEN}`, false],
    ['Bearer ', false],
    [undefined, false],
  ])('%s → %s', (header, ok) => {
    expect(matchesBearerToken(header, TOKEN)).toBe(ok);
  });
});

describe('answerPrometheus', () => {
  it('is off (404, saying how to turn it on) while no token is configured, and reads nothing', async () => {
    const spy = vi.fn(render);
    const answer = await answerPrometheus(`Bearer ${TOKEN}`, undefined, spy);
    expect(answer.status).toBe(404);
    expect(answer.body).toBe(METRICS_OFF_MESSAGE);
    expect(answer.body).toContain('METRICS_TOKEN');
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a missing or wrong token with 401 and reads nothing', async () => {
    const spy = vi.fn(render);
    for (const header of [undefined, 'Bearer wrong-token-000000000000']) {
      const answer = await answerPrometheus(header, TOKEN, spy);
      expect(answer.status).toBe(401);
      expect(answer.headers['WWW-Authenticate']).toBe('Bearer realm="metrics"');
      expect(answer.body).not.toContain(TOKEN);
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers the exposition text for the right token', async () => {
    const answer = await answerPrometheus(`Bearer ${TOKEN}`, TOKEN, render);
    expect(answer).toEqual({ status: 200, headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }, body: 'braze_streaming_workers_live 1\n' });
  });
});
