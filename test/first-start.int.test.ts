/**
 * The first start tells the admin password and the ingestion API key, also when a command ran
 * before it, as README's "Try it without a Braze account" has it: `npm run db:migrate` and
 * `npm run syncs -- create` (which seals a REST API key, so it writes DATA_DIR/secrets.json and
 * creates the default project) and only then `npm start`. The steps run as people run them, in
 * a directory of their own with a database of their own; `--prepare-only` stops `npm start`
 * before the app and the worker.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess } from '@/test/processes';

const root = path.resolve(import.meta.dirname, '..');
const database = `bzs_first_start_${randomBytes(4).toString('hex')}`;
const adminUrl = new URL(process.env.DATABASE_URL!);
adminUrl.pathname = '/postgres';
const targetUrl = new URL(adminUrl);
targetUrl.pathname = `/${database}`;
let cwd: string;

/** The settings of a machine where nothing was configured: secrets and the project key are generated. */
const env = () => ({
  DATABASE_URL: targetUrl.toString(),
  DATA_DIR: path.join(cwd, 'data'),
  QUEUE_PREFIX: `bzs-first-start-${randomBytes(3).toString('hex')}`,
  BRAZE_CUSTOM_ENDPOINTS: 'http://127.0.0.1:4010',
  ADMIN_PASSWORD: '',
  ENCRYPTION_KEY: '',
  ENCRYPTION_KEY_PREVIOUS: '',
  DEFAULT_PROJECT_API_KEY: '',
  LOG_LEVEL: 'warn',
});

async function run(script: string, args: string[] = []): Promise<string> {
  const proc = startProcess(script, env(), args, { cwd });
  const code = await proc.exited;
  expect(code, proc.output()).toBe(0);
  return proc.output();
}

beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'bzs-first-start-'));
  // What Prisma's CLI and tsx look for in the working directory.
  for (const name of ['prisma', 'prisma.config.ts', 'node_modules', 'package.json']) fs.symlinkSync(path.join(root, name), path.join(cwd, name));
});

afterAll(async () => {
  fs.rmSync(cwd, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await client.end();
});

describe('first start after a command', () => {
  it('prints the admin password and the ingestion API key once, at the first start', async () => {
    await run('scripts/migrate.ts');
    const created = await run('scripts/syncs.ts', ['create', '--name', 'Braze', '--endpoint', 'http://127.0.0.1:4010', '--rest-api-key', 'fake-rest-api-key', '--app-id', 'my-app']);
    expect(created).toMatch(/Created sync/);
    expect(created).not.toMatch(/password/i);

    const secrets = JSON.parse(fs.readFileSync(path.join(cwd, 'data', 'secrets.json'), 'utf8')) as { adminPassword: string };
    const db = new pg.Client({ connectionString: targetUrl.toString() });
    await db.connect();
    const { rows } = await db.query<{ api_key: string }>('SELECT "api_key" FROM "projects"');
    await db.end();
    expect(rows).toHaveLength(1);

    const first = await run('scripts/start.ts', ['--prepare-only']);
    expect(first).toContain(`Generated admin password (shown once; kept in ${path.join(cwd, 'data')}/secrets.json): ${secrets.adminPassword}`);
    expect(first).toContain(`ingestion API key: ${rows[0]!.api_key}`);

    const second = await run('scripts/start.ts', ['--prepare-only']);
    expect(second).not.toContain(secrets.adminPassword);
    expect(second).not.toContain(rows[0]!.api_key);
  });
});
