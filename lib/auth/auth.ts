/**
 * Sign-in for the UI and the management API: better-auth with email + password, sessions in
 * Postgres through our Prisma client. Built on first use (not at import), so `next build` and
 * scripts that never sign anyone in do not read secrets.
 */
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { deriveAuthSecret } from '@/lib/auth/auth-secret';
import { AUTH_COOKIE_PREFIX } from '@/lib/auth/constants';
import { SIGN_IN_RATE_LIMIT } from '@/lib/auth/sign-in-limits';
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { originPolicyFromEnv, ownOrigins } from '@/lib/http/same-origin';
import { childLogger } from '@/lib/log/logger';
import { loadSecrets } from '@/lib/secrets';

const log = childLogger('auth');

// Leaving baseURL unset without PUBLIC_URL is deliberate (see below); its startup warning is noise.
const EXPECTED_WARNING = 'Base URL is not set';

/** The shortest admin password accepted, as `ADMIN_PASSWORD` requires in lib/env. */
export const MIN_PASSWORD_LENGTH = 12;

function createAuth() {
  const config = env();
  return betterAuth({
    appName: 'Braze Event Streaming',
    baseURL: config.PUBLIC_URL,
    basePath: '/api/auth',
    // better-auth trusts only the origin of baseURL, which without PUBLIC_URL is Next's own
    // idea of the server (http://localhost:PORT), so sign-in from 127.0.0.1, the machine's IP
    // or its name was refused. The same-origin rule of the management API applies instead:
    // the host the request was sent to, and PUBLIC_URL's (lib/http/same-origin).
    trustedOrigins: (request?: Request) => (request ? ownOrigins(request, originPolicyFromEnv()) : []),
    secret: deriveAuthSecret(loadSecrets(config).encryptionKey),
    database: prismaAdapter(prisma(), { provider: 'postgresql' }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    session: { expiresIn: 7 * 24 * 3600, updateAge: 24 * 3600 },
    rateLimit: {
      enabled: true,
      // In Postgres rather than memory: the count survives a restart and holds across several
      // app processes behind one load balancer. Only /api/auth/* requests touch it.
      storage: 'database',
      window: 60,
      max: 100,
      customRules: { '/sign-in/email': SIGN_IN_RATE_LIMIT },
    },
    advanced: {
      cookiePrefix: AUTH_COOKIE_PREFIX,
      // Secure cookies would be dropped by browsers on a plain-http address, so they follow
      // PUBLIC_URL: set it to the https URL when the product sits behind TLS.
      useSecureCookies: config.PUBLIC_URL?.startsWith('https://') ?? false,
    },
    telemetry: { enabled: false },
    logger: {
      level: 'warn',
      log: (level, message) => {
        if (!message.includes(EXPECTED_WARNING)) log[level](message);
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { auth?: Auth };

export function auth(): Auth {
  globalForAuth.auth ??= createAuth();
  return globalForAuth.auth;
}
