/** The benchmark's own Postgres database: dropped and re-created (and migrated) on every run. */
import pg from 'pg';
import { migrate } from '@/scripts/migrate';

export function parseDatabaseUrl(databaseUrl: string): { name: string; adminUrl: string } {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  url.pathname = '/postgres';
  return { name, adminUrl: url.toString() };
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { name, adminUrl } = parseDatabaseUrl(databaseUrl);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database with the product's own migrations. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  await dropDatabase(databaseUrl);
  await migrate(databaseUrl);
}
