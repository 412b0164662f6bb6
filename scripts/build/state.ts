/**
 * Where a build's output lives and what it was made from. The fingerprint is a digest of every file that goes into the
 * build (sources, configs, the lockfile, the Prisma schema) and of the installed Next.js
 * version, so a start-up check rebuilds after `git pull`, `npm ci` or a Next upgrade even when
 * file times say nothing (a checkout or an unpacked archive sets them arbitrarily). Test files
 * are left out: they change nothing that runs.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The compiled server, worker and scripts (compile.ts); the UI build is Next's `.next/`. */
export const OUT_DIR = 'dist';
export const BUILD_INFO_FILE = path.join(OUT_DIR, 'build-info.json');
const SOURCE_DIRS = ['app', 'components', 'lib', 'worker', 'scripts', 'public', 'prisma'];
const SOURCE_FILES = ['server.ts', 'proxy.ts', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];
const SKIPPED_DIRS = new Set(['node_modules', 'generated', 'migrations']);
const TEST_FILE = /\.(int\.)?test\.tsx?$/;

export type BuildInfo = { fingerprint: string; builtAt: string };

/** The compiled file of a source file: `worker/main.ts` → `dist/worker/main.js`. */
export function compiledPath(source: string): string {
  return path.join(OUT_DIR, source.replace(/\.tsx?$/, '.js'));
}

/** Files under `dir`, relative to `root`. */
function listFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : listFiles(root, rel);
    return TEST_FILE.test(entry.name) ? [] : [rel];
  });
}

function installedNextVersion(root: string): string {
  const manifest = path.join(root, 'node_modules', 'next', 'package.json');
  if (!fs.existsSync(manifest)) throw new Error('next is not installed: run `npm ci` first');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Digest of the build's inputs in the project directory `root`. */
export function computeBuildFingerprint(root = process.cwd()): string {
  const hash = createHash('sha256').update(`next ${installedNextVersion(root)}\n`);
  const files = [
    ...SOURCE_DIRS.flatMap((dir) => listFiles(root, dir)),
    ...SOURCE_FILES.filter((file) => fs.existsSync(path.join(root, file))),
  ].sort();
  for (const file of files) hash.update(`${file}\n`).update(fs.readFileSync(path.join(root, file))).update('\n');
  return hash.digest('hex');
}

export function readBuildInfo(root = process.cwd()): BuildInfo | null {
  const file = path.join(root, BUILD_INFO_FILE);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BuildInfo;
}

/** True when the UI and the compiled server exist and were built from the current inputs. */
export function isBuildCurrent(root = process.cwd(), fingerprint = computeBuildFingerprint(root)): boolean {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return false;
  return readBuildInfo(root)?.fingerprint === fingerprint;
}

export function writeBuildInfo(fingerprint: string, root = process.cwd()): void {
  const info: BuildInfo = { fingerprint, builtAt: new Date().toISOString() };
  fs.writeFileSync(path.join(root, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
}
