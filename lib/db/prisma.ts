/** The only place that constructs a Prisma client. */
import { PrismaPg } from '@prisma/adapter-pg';
import { env } from '@/lib/env';
import { PrismaClient } from '@/lib/generated/prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

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
  const config = env();
  globalForPrisma.prisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: config.DATABASE_URL, max: poolSize(config.INGEST_CONCURRENCY) }),
  });
  return globalForPrisma.prisma;
}

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.prisma?.$disconnect();
  globalForPrisma.prisma = undefined;
}
