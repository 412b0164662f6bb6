/** The only place that constructs a Prisma client. */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { env } from '@/lib/env';
import { childLogger } from '@/lib/log/logger';
import { PrismaClient } from '@/lib/generated/prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool };

/**
 * Connections of this process's pool, opened only as needed: one per ingest job a worker runs at
 * once (each uses one at a time), plus room for the metrics, catalog and dead-letter writes and
 * settings reads that run beside them. Ingest jobs spend most of their time waiting for Braze
 * (their inline delivery attempts), not Postgres, so beyond 16 of them they share 16 connections
 * rather than each keeping one: several workers stay within Postgres's `max_connections`.
 */
export function poolSize(ingestConcurrency: number): number {
  return Math.max(10, Math.min(ingestConcurrency, MAX_FAN_OUT_CONNECTIONS) + 4);
}

const MAX_FAN_OUT_CONNECTIONS = 16;

export function prisma(): PrismaClient {
  globalForPrisma.prisma ??= new PrismaClient({ adapter: new PrismaPg(pgPool()) });
  return globalForPrisma.prisma;
}

/**
 * The connection pool under Prisma, for the few raw statements every ingest job runs (the user
 * profile read and write, lib/users/profile-rows). Through Prisma's raw-query path a statement
 * costs about 0.3 ms more CPU (0.54 against 0.25 ms for a read of 100 profiles, measured here),
 * as much as the rest of a small job's Postgres work; on the pool itself it costs what the driver
 * costs. Everything else goes through Prisma, on the same connections.
 */
export function pgPool(): pg.Pool {
  if (!globalForPrisma.pool) {
    const config = env();
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: poolSize(config.INGEST_CONCURRENCY) });
    // An idle connection that breaks (Postgres restarted, a network cut) is reported on the pool,
    // which drops it and opens another when needed; unheard, the event would end the process.
    pool.on('error', (err) => childLogger('postgres').warn({ err: err.message }, 'an idle Postgres connection failed; the pool replaces it'));
    globalForPrisma.pool = pool;
  }
  return globalForPrisma.pool;
}

export async function disconnectPrisma(): Promise<void> {
  const { prisma: client, pool } = globalForPrisma;
  globalForPrisma.prisma = undefined;
  globalForPrisma.pool = undefined;
  await client?.$disconnect();
  await pool?.end();
}
