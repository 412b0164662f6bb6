/**
 * Integration tests run against the machine's real Postgres and Redis. Each run gets its own
 * database (migrated with the product's own migrations) and its own Redis key prefix; both are
 * removed when the run ends, so repeated runs leave nothing behind.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createRedisConnection } from '../lib/queue/connection';
import { migrate } from '../scripts/migrate';
import { deleteKeysWithPrefix } from './redis-keys';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default async function setup(): Promise<() => Promise<void>> {
  const name = `bzs_test_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  const prefix = `bzs-test-${randomBytes(3).toString('hex')}`;
  process.env.QUEUE_PREFIX = prefix;
  process.env.LOG_LEVEL ??= 'warn';
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  process.env.ADMIN_PASSWORD ??= randomBytes(12).toString('base64url');
  await migrate(url.toString());

  return async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
    // The run's keys and those of its rigs (`<prefix>-<name>`): queues, claims, caches.
    const redis = createRedisConnection('producer');
    try {
      await deleteKeysWithPrefix(redis, prefix, { subPrefixes: true });
    } finally {
      await redis.quit();
    }
  };
}
