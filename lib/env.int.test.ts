/**
 * Every process reads `.env` from its working directory: the worker, the app, `npm start` and
 * the scripts stop on a wrong setting there with one sentence, and a setting of the file
 * reaches what the process starts (here Prisma's CLI, through `npm run db:migrate`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];

function dirWithEnvFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-env-'));
  fs.writeFileSync(path.join(dir, '.env'), text);
  dirs.push(dir);
  return dir;
}

/** Runs an entry point of the product with `cwd` as its working directory. */
function run(script: string, cwd: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', path.join(root, 'node_modules/tsx/dist/esm/index.mjs'), path.join(root, script), ...args], {
    cwd,
    env: { ...env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** The test run's environment without the settings a test puts in `.env` (the environment would win). */
function environmentWithout(...names: string[]): NodeJS.ProcessEnv {
  const copy = { ...process.env };
  for (const name of names) delete copy[name];
  return copy;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('.env', () => {
  it.each(['worker/main.ts', 'server.ts', 'scripts/start.ts', 'scripts/worker.ts', 'scripts/migrate.ts', 'scripts/syncs.ts', 'scripts/reseal-secrets.ts'])(
    '%s stops on a malformed setting of .env with one sentence naming it',
    async (script) => {
      const cwd = dirWithEnvFile('# settings\nLOG_LEVEL=info\nDELIVERY_CONCURRENCY=lots\n');
      const { code, output } = await run(script, cwd, environmentWithout('DELIVERY_CONCURRENCY'), ['list']);
      expect(code).toBe(1);
      expect(output).toBe('Invalid configuration: DELIVERY_CONCURRENCY (set in .env) must be a number.\n');
    },
  );

  it('a setting of the environment wins over .env', async () => {
    const cwd = dirWithEnvFile('DELIVERY_CONCURRENCY=lots\nPORT=eighty\n');
    const { code, output } = await run('scripts/migrate.ts', cwd, { ...environmentWithout('PORT'), DELIVERY_CONCURRENCY: '5' });
    expect(code).toBe(1);
    expect(output).toBe('Invalid configuration: PORT (set in .env) must be a number.\n');
  });

  it.each(['worker/main.ts', 'test/fakes/braze/main.ts'])('%s: a line of .env that is not NAME=value stops it, naming the line', async (script) => {
    const cwd = dirWithEnvFile('PORT=3000\nDATABASE_URL postgresql://nowhere\n');
    const { code, output } = await run(script, cwd, environmentWithout());
    expect(code).toBe(1);
    expect(output).toBe('Invalid configuration: line 2 of .env is not NAME=value (quotes must close on the same line).\n');
  });

  it('npm run db:migrate creates and migrates the database that .env names', async () => {
    const name = `bzs_env_${randomBytes(4).toString('hex')}`;
    const admin = new URL(process.env.DATABASE_URL!);
    admin.pathname = '/postgres';
    const target = new URL(admin);
    target.pathname = `/${name}`;
    const cwd = dirWithEnvFile(`DATABASE_URL="${target.toString()}"\n`);
    // Prisma's CLI finds the project's schema and migrations from its working directory.
    fs.symlinkSync(path.join(root, 'prisma'), path.join(cwd, 'prisma'));
    fs.symlinkSync(path.join(root, 'prisma.config.ts'), path.join(cwd, 'prisma.config.ts'));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(cwd, 'node_modules'));
    fs.symlinkSync(path.join(root, 'package.json'), path.join(cwd, 'package.json'));
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      const { code, output } = await run('scripts/migrate.ts', cwd, environmentWithout('DATABASE_URL'));
      expect(output).toContain('Database is up to date.');
      expect(code).toBe(0);
      const migrated = new pg.Client({ connectionString: target.toString() });
      await migrated.connect();
      const tables = await migrated.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'syncs'");
      await migrated.end();
      expect(tables.rows[0].n).toBe(1);
    } finally {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }
  });
});
