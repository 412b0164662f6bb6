/**
 * Structured JSON logs (pino). Anything that looks like a credential is redacted by path, and
 * callers never log a secret on purpose.
 */
import pino, { type Logger } from 'pino';
import { env } from '@/lib/env';

const REDACT = [
  'apiKey', 'restApiKey', 'api_key', 'authorization', 'password', 'token',
  '*.apiKey', '*.restApiKey', '*.api_key', '*.authorization', '*.password', '*.token',
  'headers.authorization', 'req.headers.authorization', 'req.headers.cookie',
];

let root: Logger | undefined;

export function logger(): Logger {
  root ??= pino({
    level: env().LOG_LEVEL,
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return root;
}

/**
 * A component's logger, created on first use: modules declare theirs at load time without
 * reading the configuration before the process has set it up.
 */
export function childLogger(component: string): Logger {
  let child: Logger | undefined;
  return new Proxy({} as Logger, {
    get(_target, prop) {
      child ??= logger().child({ component });
      const value: unknown = Reflect.get(child, prop, child);
      return typeof value === 'function' ? value.bind(child) : value;
    },
  });
}
