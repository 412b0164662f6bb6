import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

describe('parseEnv', () => {
  it('starts with no configuration at all, against local Postgres and Redis', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/braze_streaming');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.ENCRYPTION_KEY).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
    expect(env.BRAZE_CUSTOM_ENDPOINTS).toEqual([]);
  });

  it('runs 50 delivery jobs and 16 ingest jobs at once per worker by default', () => {
    expect(parseEnv({})).toMatchObject({ DELIVERY_CONCURRENCY: 50, INGEST_CONCURRENCY: 16 });
    expect(parseEnv({ INGEST_CONCURRENCY: '32' }).INGEST_CONCURRENCY).toBe(32);
  });

  it('treats empty secrets as absent and splits custom endpoints', () => {
    const env = parseEnv({ ENCRYPTION_KEY: '', ADMIN_PASSWORD: ' ', BRAZE_CUSTOM_ENDPOINTS: 'http://127.0.0.1:4010, https://proxy.example.com ,' });
    expect(env.ENCRYPTION_KEY).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
    expect(env.BRAZE_CUSTOM_ENDPOINTS).toEqual(['http://127.0.0.1:4010', 'https://proxy.example.com']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'not a url'],
    ['ENCRYPTION_KEY', 'c2hvcnQ='],
    ['ENCRYPTION_KEY_PREVIOUS', `${Buffer.alloc(32).toString('base64')},c2hvcnQ=`],
    ['ADMIN_PASSWORD', 'short'],
    ['ADMIN_EMAIL', 'nobody'],
    ['DEFAULT_PROJECT_API_KEY', 'has spaces in it!'],
    ['LOG_LEVEL', 'loud'],
    ['QUEUE_PREFIX', 'a b'],
    ['DELIVERY_MAX_RETRY_HOURS', '-1'],
    ['METRICS_TOKEN', 'too-short'],
    ['INGEST_CONCURRENCY', '0'],
    ['DELIVERY_CONCURRENCY', '1.5'],
  ])('a malformed %s is an error naming it', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });
});
