import { z } from 'zod';
import { DEFAULT_API_KEY } from '@/test/fakes/braze/http/authenticate';
import type { FakeBrazeOptions, FakeKeyConfig } from '@/test/fakes/braze/types';

// Configuration of the standalone fake (`npm run fake-braze`), from environment variables given
// as a plain record so this stays testable without touching process.env.

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `key` or `key:perm1+perm2`, comma-separated. */
export function parseApiKeys(text: string): FakeKeyConfig[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [key = '', permissions] = entry.split(':');
      return permissions === undefined ? { key } : { key, permissions: permissions.split('+').filter(Boolean) };
    });
}

/** `3000/3s`: that many requests per window; the unit is ms, s, m or h. */
const rateLimitText = z
  .string()
  .regex(/^\d+\/\d+(ms|s|m|h)$/, 'expected <requests>/<number><ms|s|m|h>, e.g. 3000/3s')
  .transform((text) => {
    const [, limit = '0', amount = '0', unit = 's'] = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(text) ?? [];
    return { limit: Number(limit), windowMs: Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS] };
  })
  .refine((rate) => rate.windowMs > 0, 'the window must be longer than 0');

const envSchema = z.object({
  FAKE_BRAZE_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  FAKE_BRAZE_HOST: z.string().min(1).default('127.0.0.1'),
  FAKE_BRAZE_API_KEYS: z.string().min(1).default(DEFAULT_API_KEY).transform(parseApiKeys),
  FAKE_BRAZE_RATE_LIMIT: rateLimitText.optional(),
  FAKE_BRAZE_OBJECT_LIMIT_MODE: z.enum(['combined75', 'legacy75each', 'mau50']).optional(),
});

export function parseEnvConfig(env: Record<string, string | undefined>): FakeBrazeOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid fake Braze configuration:\n${z.prettifyError(parsed.error)}`);
  const config = parsed.data;
  return {
    port: config.FAKE_BRAZE_PORT,
    host: config.FAKE_BRAZE_HOST,
    keys: config.FAKE_BRAZE_API_KEYS,
    ...(config.FAKE_BRAZE_RATE_LIMIT ? { rateLimit: config.FAKE_BRAZE_RATE_LIMIT } : {}),
    ...(config.FAKE_BRAZE_OBJECT_LIMIT_MODE ? { objectLimitMode: config.FAKE_BRAZE_OBJECT_LIMIT_MODE } : {}),
  };
}
