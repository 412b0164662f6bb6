import { describe, expect, it } from 'vitest';
import { parseEnvConfig } from '@/test/fakes/braze/parse-env-config';

describe('parseEnvConfig', () => {
  it('defaults to port 4010 on 127.0.0.1 with the default key', () => {
    expect(parseEnvConfig({})).toEqual({ port: 4010, host: '127.0.0.1', keys: [{ key: 'fake-rest-api-key' }] });
  });

  it('reads every variable', () => {
    expect(
      parseEnvConfig({
        FAKE_BRAZE_PORT: '0',
        FAKE_BRAZE_HOST: '0.0.0.0',
        FAKE_BRAZE_API_KEYS: 'full, limited:users.track+users.export.ids',
        FAKE_BRAZE_RATE_LIMIT: '3000/3s',
        FAKE_BRAZE_OBJECT_LIMIT_MODE: 'mau50',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      keys: [{ key: 'full' }, { key: 'limited', permissions: ['users.track', 'users.export.ids'] }],
      rateLimit: { limit: 3000, windowMs: 3000 },
      objectLimitMode: 'mau50',
    });
  });

  it.each([
    ['100/500ms', { limit: 100, windowMs: 500 }],
    ['20000/1m', { limit: 20000, windowMs: 60_000 }],
    ['250000/1h', { limit: 250000, windowMs: 3_600_000 }],
  ])('reads the rate limit %s', (text, rateLimit) => {
    expect(parseEnvConfig({ FAKE_BRAZE_RATE_LIMIT: text }).rateLimit).toEqual(rateLimit);
  });

  it.each([
    { FAKE_BRAZE_PORT: 'http' },
    { FAKE_BRAZE_PORT: '70000' },
    { FAKE_BRAZE_RATE_LIMIT: '3000' },
    { FAKE_BRAZE_RATE_LIMIT: '3000/0s' },
    { FAKE_BRAZE_OBJECT_LIMIT_MODE: 'unlimited' },
  ])('rejects %j', (env) => {
    expect(() => parseEnvConfig(env)).toThrow(/Invalid fake Braze configuration/);
  });
});
