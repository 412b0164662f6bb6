/**
 * `npm run syncs` as a person runs it (a child process on the real Postgres): every wizard
 * setting set by flags, export → import round trips with no secret in the JSON, import by name
 * keeping stored keys, and the same commands against another installation's API with a token.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma, prisma } from '@/lib/db/prisma';
import { ensureDefaultProject } from '@/lib/projects/bootstrap';
import { readStoredRestApiKey } from '@/lib/syncs/repository';
import { createApiToken, revokeApiToken } from '@/lib/tokens/repository';
import { startApiServer, type ApiServer } from '@/test/api-server';
import { everySettingConfig, everySettingFlags } from '@/test/sync-flag-fixtures';

const ENDPOINT = 'http://127.0.0.1:4998';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syncs-cli-'));
let server: ApiServer;
let projectId: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/syncs.ts', ...args], {
    env: { ...process.env, BRAZE_CUSTOM_ENDPOINTS: ENDPOINT, BRAZE_REST_API_KEY: '', LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input ?? '');
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function ok(args: string[], input?: string): Promise<string> {
  const run = await cli(args, input);
  expect(run.stderr, `syncs ${args.join(' ')}`).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

beforeAll(async () => {
  process.env.BRAZE_CUSTOM_ENDPOINTS = ENDPOINT;
  projectId = (await ensureDefaultProject()).id;
  await prisma().sync.deleteMany({});
  server = await startApiServer();
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await disconnectPrisma();
});

describe('npm run syncs', () => {
  it('sets every setting of the wizard with flags, and exports them without the REST API key', async () => {
    expect(await ok(['create', ...everySettingFlags(ENDPOINT, 'cli-secret-key-0001')])).toMatch(/^Created sync \w+ "Everything" \(enabled\)/);
    const exported = await ok(['export']);
    expect(JSON.parse(exported)).toEqual({ version: 1, syncs: [everySettingConfig(ENDPOINT)] });
    expect(exported).not.toMatch(/cli-secret|0001|restApiKey/);
  });

  it('round-trips: export, delete, import (key given) and export again give the same JSON', async () => {
    const file = path.join(dir, 'syncs.json');
    fs.writeFileSync(file, await ok(['export']));
    await ok(['delete', 'Everything']);
    expect(await ok(['list'])).toBe('');
    expect((await cli(['import', file])).stderr).toMatch(/syncs\[0\] "Everything" restApiKey: Enter your REST API Key/);
    expect(await ok(['import', file, '--rest-api-key', 'imported-key-0002'])).toMatch(/Created sync/);
    expect(await ok(['export'])).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('updates by name on import and keeps the stored key; every entry is checked before any is applied; --prune deletes the rest', async () => {
    const before = await prisma().sync.findFirstOrThrow({ where: { name: 'Everything' } });
    const config = JSON.parse(await ok(['export']));
    config.syncs[0].sendUsers = false;
    config.syncs.push({ ...config.syncs[0], name: 'Second', identifierType: 'NOPE' });
    expect((await cli(['import', '-'], JSON.stringify(config))).stderr).toMatch(/syncs\[1\] "Second" identifierType: Invalid option/);
    expect((await prisma().sync.findUniqueOrThrow({ where: { id: before.id } })).sendUsers).toBe(true);

    config.syncs[1] = { ...config.syncs[1], identifierType: 'EXTERNAL_ID', restApiKey: 'second-key-0003' };
    expect(await ok(['import', '-'], JSON.stringify(config))).toMatch(/Updated sync .* "Everything"[\s\S]*Created sync .* "Second"/);
    const after = await prisma().sync.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.sendUsers).toBe(false);
    expect(await readStoredRestApiKey(projectId, before.id)).toBe('imported-key-0002');

    // --prune makes the file the whole truth: the sync it no longer names goes.
    const onlyFirst = JSON.stringify({ ...config, syncs: [config.syncs[0]] });
    expect(await ok(['import', '-', '--prune', '--dry-run'], onlyFirst)).toBe('Would update "Everything"\nWould delete "Second"\n');
    expect(await prisma().sync.count({ where: { name: 'Second' } })).toBe(1);
    expect(await ok(['import', '-', '--prune'], onlyFirst)).toMatch(/Deleted sync \w+ "Second"/);
    expect(await prisma().sync.count({ where: { name: 'Second' } })).toBe(0);
  });

  it('changes only the flags given on update, and names the flag of each mistake', async () => {
    await ok(['update', 'Everything', '--send-events', '--clear', 'app-id', '--event', 'Signed Up']);
    const shown = JSON.parse(await ok(['show', 'Everything']));
    expect(shown).toMatchObject({ sendEvents: true, eventSelection: { rules: [{ eventType: 'Signed Up', where: [] }] }, identifierType: 'USER_ALIAS' });
    expect(shown).not.toHaveProperty('appId');

    const bad = await cli(['update', 'Everything', '--identifier-type', 'EXTERNAL_ID', '--object-limit-mode', 'huge', '--endpoint', 'https://evil.example']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--object-limit-mode: Invalid option/);
    const endpoint = await cli(['update', 'Everything', '--endpoint', 'https://evil.example']);
    expect(endpoint.stderr).toMatch(/^--endpoint: Braze endpoint is neither/);
    expect((await cli(['create', '--name', 'X', '--sendevents'])).stderr).toMatch(/Unknown option '--sendevents'/);
    expect((await cli(['enable', 'Nobody'])).stderr).toMatch(/No sync has the id or name "Nobody"/);
  });

  it('makes a dry run, lists and shows it as one, and switches it, locally and through the API', async () => {
    const created = await ok(['create', '--name', 'Estimate', '--endpoint', ENDPOINT, '--rest-api-key', 'dry-run-key-0005', '--dry-run']);
    expect(created).toMatch(/^Created sync \w+ "Estimate" \(dry run\)/);
    expect(await ok(['list'])).toMatch(/\tdry run\tEstimate\t/);
    expect(JSON.parse(await ok(['show', 'Estimate']))).toMatchObject({ enabled: false, dryRun: true });
    expect((await cli(['update', 'Estimate', '--dry-run', '--enable'])).stderr).toMatch(/Give one of --enable, --disable, --dry-run/);
    expect(await ok(['enable', 'Estimate'])).toMatch(/^Enabled sync \w+ "Estimate" \(enabled\)/);
    const { token, apiToken } = await createApiToken({ name: 'cli-dry-run' }, 'test');
    expect(await ok(['--url', server.url, '--token', token, 'dry-run', 'Estimate'])).toMatch(/^Dry run of sync \w+ "Estimate" \(dry run\)/);
    expect(await prisma().sync.findFirstOrThrow({ where: { name: 'Estimate' } })).toMatchObject({ status: 'DRY_RUN' });
    await revokeApiToken(apiToken.id);
    await ok(['delete', 'Estimate']);
  });

  it('works on another installation through its API with a token, until the token is revoked', async () => {
    const { token, apiToken } = await createApiToken({ name: 'cli' }, 'test');
    const remote = ['--url', server.url, '--token', token];
    expect(await ok([...remote, 'export'])).toBe(await ok(['export']));
    expect(await ok([...remote, 'create', '--name', 'Remote', '--endpoint', ENDPOINT, '--rest-api-key', 'remote-key-0004', '--event-property', 'plan'])).toMatch(/Created sync/);
    expect(JSON.parse(await ok(['show', 'Remote']))).toMatchObject({ eventProperties: { eventProperties: ['plan'] } });
    const refused = await cli([...remote, 'update', 'Remote', '--endpoint', 'https://evil.example']);
    expect(refused.stderr).toMatch(/--endpoint: Braze endpoint is neither/);
    const config = JSON.parse(await ok(['export']));
    config.syncs.push({ ...config.syncs[0], name: 'Bad endpoint', brazeEndpoint: 'https://evil.example', restApiKey: 'k' });
    expect((await cli([...remote, 'import', '-'], JSON.stringify(config))).stderr).toMatch(/Braze endpoint is neither/);
    expect(await prisma().sync.count({ where: { name: 'Bad endpoint' } })).toBe(0);

    await revokeApiToken(apiToken.id);
    const after = await cli([...remote, 'list']);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/answered 401: The API token is not valid: unknown, revoked or mistyped/);
  });
});
