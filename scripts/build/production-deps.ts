/**
 * The packages production needs, read from package-lock.json: the project's dependencies and,
 * transitively, their dependencies, optional dependencies and required peers. An optional peer
 * (Prisma's `typescript`, better-auth's `vitest`, Next's `@playwright/test`) is not followed.
 *
 * Why not just `npm ci --omit=dev`: the lockfile marks a dev tool that is also an optional peer
 * of a runtime package as `devOptional`, and npm keeps those unless optional packages are
 * omitted too, which would also drop real optional packages (sharp, native msgpackr). So the
 * image's node_modules is pruned to this closure instead (`tsx scripts/build/production-deps.ts
 * --prune`, in the Dockerfile).
 */
import fs from 'node:fs';
import path from 'node:path';

type LockedPackage = {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  link?: boolean;
};
type Lockfile = { packages: Record<string, LockedPackage> };

/** Where Node finds `name` from the package at `from` (`''` is the project): nested first, then up. */
function locate(packages: Lockfile['packages'], from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf('node_modules/');
    dir = cut <= 0 ? '' : dir.slice(0, cut - 1);
  }
}

function requiredNames(pkg: LockedPackage): string[] {
  const peers = Object.keys(pkg.peerDependencies ?? {}).filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional);
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...peers];
}

/** Lockfile paths (`node_modules/...`) of every package production needs. */
export function productionPackages(lockfile: Lockfile): Set<string> {
  const { packages } = lockfile;
  const root = packages[''];
  if (!root) throw new Error('package-lock.json has no root package entry (lockfileVersion 3 expected)');
  const needed = new Set<string>();
  const queue: [string, string][] = Object.keys({ ...root.dependencies, ...root.optionalDependencies }).map((name) => ['', name]);
  while (queue.length > 0) {
    const [from, name] = queue.pop()!;
    const found = locate(packages, from, name);
    if (!found || needed.has(found)) continue;
    needed.add(found);
    for (const dep of requiredNames(packages[found]!)) queue.push([found, dep]);
  }
  return needed;
}

/** Installed package folders of `root`/node_modules that production does not need. */
export function unneededInstalled(root: string, needed: Set<string>, lockfile: Lockfile): string[] {
  return Object.keys(lockfile.packages).filter((p) => p !== '' && !needed.has(p) && fs.existsSync(path.join(root, p)));
}

function main(): void {
  const root = process.cwd();
  const lockfile = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const needed = productionPackages(lockfile);
  const unneeded = unneededInstalled(root, needed, lockfile);
  if (process.argv.includes('--prune')) {
    for (const p of unneeded) fs.rmSync(path.join(root, p), { recursive: true, force: true });
    console.log(`Removed ${unneeded.length} packages production does not need; kept ${needed.size}.`);
  } else {
    console.log(unneeded.join('\n'));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve('scripts/build/production-deps.ts')) main();
