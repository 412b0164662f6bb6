/**
 * `npm start` (and `npm run dev`): prepares everything a fresh machine needs, then runs the
 * product — the app (UI, management API and ingestion API on PORT) and the worker.
 *   1. validates configuration, creates or loads local secrets;
 *   2. creates the database if needed and applies migrations;
 *   3. creates the first Project and the admin account (or updates its password);
 *   4. builds (UI, server, worker) when the build is missing or its inputs changed (not in dev);
 *   5. runs the app and the worker, restarting either when it crashes (scripts/supervisor.ts).
 * `--prepare-only` stops after step 4 (deployments that run app and workers as separate
 * services run it once before them; see docker-compose.yml).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAdminUser } from '@/lib/auth/ensure-admin-user';
import { disconnectPrisma } from '@/lib/db/prisma';
import { env, envOrExit } from '@/lib/env';
import { nameWaitingProcess, outageLog, untilReachable } from '@/lib/health/outage-log';
import { ensureDefaultProject } from '@/lib/projects/bootstrap';
import { loadSecrets } from '@/lib/secrets';
import { resealRestApiKeys } from '@/lib/syncs/rest-api-key';
import { resealAlertSecrets } from '@/lib/alerts/sealed';
import { ensureDatabase, migrate } from './migrate';
import { runPart, stopGraceMs, workerPart } from './product-parts';
import { supervise } from './supervisor';
import { isBuildCurrent } from './build/state';

const dev = process.argv.includes('--dev');
const prepareOnly = process.argv.includes('--prepare-only');

/**
 * Runs `npm run build` when the build is missing or was made from other inputs: sources, the
 * lockfile, proxy.ts, the Next.js version (scripts/build/state.ts). Also used by the benchmarks.
 */
export function buildIfStale(): void {
  // An image holds the build without its sources: there is nothing to compare or rebuild.
  if (!fs.existsSync('server.ts')) return;
  if (isBuildCurrent()) return;
  console.log('Building (first start, or the sources, the lockfile or Next.js changed)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

async function prepare(): Promise<void> {
  const config = env();
  const secrets = loadSecrets(config);
  // Postgres may still be starting (a fresh container, a reboot): wait for it, saying so.
  nameWaitingProcess('npm start (to apply migrations)');
  await untilReachable(outageLog('Postgres', config.DATABASE_URL), () => ensureDatabase(config.DATABASE_URL));
  await migrate(config.DATABASE_URL);
  const project = await ensureDefaultProject();
  const admin = await ensureAdminUser();
  // After a rotation of ENCRYPTION_KEY, stored keys move to the new key (docs/deploy.md).
  const { resealed, unreadable } = await resealRestApiKeys();
  const alertSecrets = await resealAlertSecrets();
  await disconnectPrisma();
  // Shown when the account is created with it, whichever process generated it: a command run
  // before the first start (`npm run syncs -- create`, which seals a key) writes secrets.json first.
  if (!config.ADMIN_PASSWORD && (secrets.generatedAdminPassword || admin === 'created')) {
    console.log(
      `\nAdmin account: ${config.ADMIN_EMAIL}\nGenerated admin password (shown once; kept in ${config.DATA_DIR}/secrets.json): ${secrets.adminPassword}\n`,
    );
  }
  if (admin === 'password_updated') {
    console.log(`The admin password of ${config.ADMIN_EMAIL} changed; the account now uses the configured one.`);
  }
  if (resealed > 0) console.log(`Re-sealed ${resealed} stored REST API key(s) with the current ENCRYPTION_KEY.`);
  if (unreadable > 0) {
    console.warn(`${unreadable} stored REST API key(s) were sealed with an unknown key: add it to ENCRYPTION_KEY_PREVIOUS (docs/deploy.md); those syncs cannot deliver until then.`);
  }
  if (alertSecrets.resealed > 0) console.log(`Re-sealed ${alertSecrets.resealed} stored alert secret(s) with the current ENCRYPTION_KEY.`);
  if (alertSecrets.unreadable > 0) {
    console.warn(`${alertSecrets.unreadable} stored alert secret(s) were sealed with an unknown key: add it to ENCRYPTION_KEY_PREVIOUS (docs/deploy.md); those projects' alerts are not sent until then.`);
  }
  if (project.created) {
    console.log(`Created the default project. Ingestion API key: ${project.apiKey}`);
  } else if (admin === 'created') {
    // The first start after a command that created the project (`npm run syncs -- create`).
    console.log(`The default project's ingestion API key: ${project.apiKey}`);
  }
  if (!dev) buildIfStale();
}

async function main(): Promise<void> {
  const config = envOrExit();
  await prepare();
  if (prepareOnly) return;
  supervise([{ name: 'app', start: () => runPart('app', ['server.ts', ...(dev ? ['--dev'] : [])], { dev }) }, workerPart(config, dev)], {
    pidsFile: path.join(config.DATA_DIR, 'pids.json'),
    stopGraceMs: stopGraceMs(config),
  });
}

// Run only as the entry point, so other scripts can import buildIfStale.
if (process.argv[1] && fs.realpathSync(path.resolve(process.argv[1])) === fileURLToPath(import.meta.url)) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
