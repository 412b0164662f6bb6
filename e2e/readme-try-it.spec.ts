/**
 * The README's "Try it without a Braze account" section, run as written: its shell block in
 * bash (fake Braze, migrations, the CLI's sync, `npm start`), its Node snippet saved as
 * `try-it.mjs` and run, then its `curl` of the fake. Only ports, the database, the queue prefix
 * and the data folder are moved, so it runs beside everything else.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';

const APP_PORT = Number(process.env.E2E_TRY_IT_APP_PORT ?? 3330);
const BRAZE_PORT = Number(process.env.E2E_TRY_IT_BRAZE_PORT ?? 4330);
const DATABASE_URL = process.env.E2E_TRY_IT_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/try_it';
const DIR = path.resolve('test-results/try-it');

/** The fenced blocks of the README's "Try it" section, in order. */
function tryItBlocks(): { lang: string; code: string }[] {
  const readme = fs.readFileSync('README.md', 'utf8');
  const section = /^## Try it without a Braze account\n([\s\S]*?)^## /m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "Try it without a Braze account" section');
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

const movePorts = (code: string) => code.replaceAll(':4010', `:${BRAZE_PORT}`).replaceAll(':3000', `:${APP_PORT}`);

async function dropDatabase(): Promise<void> {
  const admin = new URL(DATABASE_URL);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

function findEvent(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(findEvent);
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  const properties = record.properties as Record<string, unknown> | undefined;
  if (record.name === 'Signed Up' && record.external_id === 'user-12345' && properties?.plan === 'pro') return true;
  return Object.values(record).some(findEvent);
}

test('the README "Try it" blocks work as written: the SDK event reaches the fake Braze with its property', async () => {
  test.setTimeout(900_000);
  const blocks = tryItBlocks();
  expect(blocks.map((b) => b.lang)).toEqual(['sh', 'js', 'sh']);
  const [start, snippet, check] = blocks.map((b) => b.code);
  const [send, ...curl] = check!.trim().split('\n');
  expect(send).toBe('node try-it.mjs');

  await dropDatabase();
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const env = {
    ...process.env,
    DATABASE_URL,
    PORT: String(APP_PORT),
    FAKE_BRAZE_PORT: String(BRAZE_PORT),
    QUEUE_PREFIX: 'try-it',
    DATA_DIR: path.join(DIR, 'data'),
    LOG_LEVEL: 'warn',
  };
  let output = '';
  // Its own process group, so the fake, the app and the worker all stop with it.
  const shell = spawn('bash', ['-c', movePorts(start!)], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  shell.stdout.on('data', (d: Buffer) => (output += d.toString()));
  shell.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    // The first start builds the UI when the build is not current: minutes on a small machine.
    for (let status = 0; status !== 200; ) {
      if (shell.exitCode !== null) throw new Error(`the README's shell block stopped (${shell.exitCode}):\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      status = await fetch(`http://127.0.0.1:${APP_PORT}/api/health`).then((r) => r.status, () => 0);
    }
    expect(output).toMatch(/Created sync \S+ "Braze" \(enabled\)/);

    fs.writeFileSync(path.join(DIR, 'try-it.mjs'), movePorts(snippet!));
    const sent = spawnSync('bash', ['-c', send!], { cwd: DIR, env, encoding: 'utf8', timeout: 60_000 });
    expect(sent.status, `${sent.stdout}${sent.stderr}`).toBe(0);

    await expect
      .poll(() => {
        const read = spawnSync('bash', ['-c', movePorts(curl.join('\n'))], { cwd: DIR, env, encoding: 'utf8', timeout: 10_000 });
        return findEvent(JSON.parse(read.stdout || 'null'));
      }, { timeout: 60_000 })
      .toBe(true);
  } finally {
    if (shell.pid) process.kill(-shell.pid, 'SIGTERM');
    await new Promise((resolve) => (shell.exitCode === null ? shell.once('exit', resolve) : resolve(null)));
  }
});
