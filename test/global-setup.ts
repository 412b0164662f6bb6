/**
 * Integration tests run against the machine's real Postgres and Redis. Each run gets its own
 * database (migrated with the product's own migrations) and its own Redis key prefix.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../scripts/migrate';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default async function setup(): Promise<() => Promise<void>> {
  const name = `bzs_test_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `bzs-test-${randomBytes(3).toString('hex')}`;
  process.env.LOG_LEVEL ??= 'warn';
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  process.env.ADMIN_PASSWORD ??= randomBytes(12).toString('base64url');
  await migrate(url.toString());

  return async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}
