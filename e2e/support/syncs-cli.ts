/** Creates and deletes syncs with the product's CLI, against the end-to-end product's database. */
import { execFileSync } from 'node:child_process';

function runCli(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/syncs.ts', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      BRAZE_CUSTOM_ENDPOINTS: process.env.E2E_BRAZE_URL,
      DATA_DIR: './test-results/e2e-data',
      ADMIN_PASSWORD: 'e2e-admin-password-123',
      LOG_LEVEL: 'warn',
    },
  });
}

/** An Enabled sync to the fake Braze (more settings as CLI flags in `extra`); returns its id. */
export function createSyncWithCli(name: string, appId: string, extra: string[] = []): string {
  const out = runCli(['create', '--name', name, '--endpoint', process.env.E2E_BRAZE_URL!, '--rest-api-key', 'e2e-rest-api-key', '--app-id', appId, '--enable', ...extra]);
  const id = /Created sync (\S+) ".*" \(enabled\)/.exec(out)?.[1];
  if (!id) throw new Error(`unexpected CLI output: ${out}`);
  return id;
}

export function deleteSyncWithCli(id: string): void {
  runCli(['delete', id]);
}
