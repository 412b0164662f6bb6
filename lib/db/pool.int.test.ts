/**
 * The pool under Prisma outlives a broken idle connection (Postgres restarted, a network cut):
 * the pool reports it, drops it and opens another, and the process goes on.
 */
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { disconnectPrisma, pgPool, prisma } from '@/lib/db/prisma';

afterAll(async () => {
  await disconnectPrisma();
});

describe('pgPool', () => {
  it('replaces an idle connection that Postgres ended, and serves Prisma and raw statements after it', async () => {
    const pool = pgPool();
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(pool.idleCount).toBe(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(pool.totalCount).toBe(0), { timeout: 5_000 });
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    expect(await prisma().$queryRaw<{ one: number }[]>`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
  });
});
