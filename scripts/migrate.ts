/**
 * `npm run db:migrate`: creates the database when it does not exist yet, then applies
 * prisma/migrations with Prisma's own `migrate deploy` (the standard `_prisma_migrations` table).
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { env, envOrExit } from '@/lib/env';

export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`DATABASE_URL: unsupported database name "${name}"`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } catch (err) {
    // Two processes may race to create it; the loser sees 42P04 (duplicate_database).
    if ((err as { code?: string }).code !== '42P04') throw err;
  } finally {
    await client.end();
  }
}

export function prismaEnv(databaseUrl: string): NodeJS.ProcessEnv {
  // Prisma's CLI must not try to download native engines: the WebAssembly engine is used.
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? '/bin/false',
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
}

export async function migrate(databaseUrl = env().DATABASE_URL): Promise<void> {
  await ensureDatabase(databaseUrl);
  const result = spawnSync('npx', ['prisma', 'migrate', 'deploy'], { env: prismaEnv(databaseUrl), encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  envOrExit();
  migrate()
    .then(() => console.log('Database is up to date.'))
    .catch((err: Error) => {
      console.error(err.message);
      process.exit(1);
    });
}
