/**
 * One benchmark run at a time per Postgres server: runs share the database name, and two runs on
 * the same cores would skew each other's figures anyway. A session-level advisory lock is held
 * for the whole run; Postgres releases it by itself if the process dies.
 */
import pg from 'pg';

/** Arbitrary, fixed: "bench" in ASCII. */
const LOCK_KEY = 0x62656e6368;
const POLL_MS = 2_000;

export async function acquireRunLock(adminUrl: string, opts: { timeoutMs: number; log: (m: string) => void }): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const deadline = Date.now() + opts.timeoutMs;
  let told = false;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEY]);
    if (rows[0]?.locked) break;
    if (Date.now() > deadline) {
      await client.end();
      throw new Error(`waited ${Math.round(opts.timeoutMs / 1000)} s for another benchmark run to end; try again when it has`);
    }
    if (!told) opts.log('another benchmark run is in progress on this machine; waiting for it to end');
    told = true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return async () => {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  };
}
