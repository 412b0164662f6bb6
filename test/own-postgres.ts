/**
 * A Postgres cluster of the test's own (initdb in a temporary directory, `trust` auth, run as
 * the `postgres` OS user), that the test may crash and restart. The machine's shared Postgres is
 * never touched.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/test/free-port';

const BIN = process.env.TEST_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface OwnPostgres {
  /** Connection URL of `database` (created by the caller, e.g. with `migrate`). */
  urlOf: (database: string) => string;
  port: number;
  /** Stops at once without a clean shutdown (crash recovery on the next start). */
  crash: () => void;
  start: () => void;
  stop: () => void;
}

function asPostgres(args: string[]): string {
  const result = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-pg-'));
  fs.chmodSync(root, 0o755);
  spawnSync('chown', ['postgres:postgres', root]);
  const data = path.join(root, 'data');
  asPostgres([`${BIN}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // fsync off: the tests crash the server, never the machine, so the OS cache keeps every write.
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const start = () => {
    asPostgres([`${BIN}/pg_ctl`, '-D', data, '-o', options, '-l', path.join(root, 'log'), '-w', '-t', '30', 'start']);
  };
  const stopWith = (mode: 'immediate' | 'fast') => {
    spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, '-D', data, '-m', mode, '-w', 'stop'], { encoding: 'utf8' });
  };
  start();
  return {
    urlOf: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    port,
    crash: () => stopWith('immediate'),
    start,
    stop: () => {
      stopWith('immediate');
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
