/**
 * Compiles the server, the worker and the scripts the product runs to JavaScript in dist/, one
 * output file per source file in the same layout (dist/server.js, dist/worker/main.js,
 * dist/lib/...), so `node` runs them with no TypeScript loader.
 *
 * esbuild transpiles (type checking is `tsc --noEmit`, an earlier build step). Files are not
 * merged into bundles: each module keeps its own identity and `import.meta.url`, exactly as in
 * development, so an "am I the entry point?" check in one script cannot fire inside another.
 * Imports of our own files (`@/lib/...`, `./migrate`) are rewritten to the compiled files'
 * relative paths; packages stay imports of node_modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { OUT_DIR } from './state';

/** What production runs: the app, the worker, `npm start` and the operator commands. */
export const ENTRY_POINTS = [
  'server.ts',
  'worker/main.ts',
  'scripts/start.ts',
  'scripts/worker.ts',
  'scripts/migrate.ts',
  'scripts/syncs.ts',
  'scripts/reseal-secrets.ts',
  'scripts/worker-health.ts',
];

// esbuild prints nothing itself: errors are in the error it throws, warnings are printed below.
const COMMON = { platform: 'node', format: 'esm', target: 'node24', bundle: true, packages: 'external', logLevel: 'silent' } as const;
const OWN_SOURCE = /\.(ts|tsx|js|mjs)$/;

function isOwnFile(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return !rel.startsWith('..') && !rel.split(path.sep).includes('node_modules') && OWN_SOURCE.test(file);
}

/** The project's source files the entry points reach (through static and dynamic imports). */
async function reachableSources(root: string, entryPoints: string[]): Promise<string[]> {
  const result = await build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints,
    write: false,
    metafile: true,
    outdir: OUT_DIR,
    plugins: [ownImports(root, false)],
  });
  return Object.keys(result.metafile.inputs)
    .map((input) => path.resolve(root, input))
    .filter((file) => isOwnFile(file, root));
}

/**
 * Resolves imports of our own files (`./x`, `@/lib/x`). With `rewrite`, each becomes an external
 * import of its compiled sibling. An `@/` path that names no file is an error (esbuild would
 * otherwise take it for a package and leave it to fail at run time).
 */
function ownImports(root: string, rewrite: boolean): Plugin {
  return {
    name: 'own-imports',
    setup(b) {
      b.onResolve({ filter: /^(\.|@\/)/ }, async (args) => {
        if (args.pluginData?.resolving) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolving: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (!isOwnFile(resolved.path, root)) {
          return args.path.startsWith('@/') ? { errors: [{ text: `Cannot resolve "${args.path}": no such file in the project` }] } : undefined;
        }
        if (!rewrite) return undefined;
        let target = path.relative(path.dirname(args.importer), resolved.path).replace(OWN_SOURCE, '.js');
        if (!target.startsWith('.')) target = `./${target}`;
        return { path: target.split(path.sep).join('/'), external: true };
      });
    },
  };
}

/** Compiles what `entryPoints` reach into `root`/dist; returns the number of files compiled. */
export async function compileServer(root = process.cwd(), entryPoints = ENTRY_POINTS): Promise<number> {
  const sources = await reachableSources(root, entryPoints);
  fs.rmSync(path.join(root, OUT_DIR), { recursive: true, force: true });
  const result = await build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints: sources,
    outdir: OUT_DIR,
    outbase: '.',
    sourcemap: 'linked',
    plugins: [ownImports(root, true)],
  });
  for (const warning of result.warnings) console.warn(`${warning.location?.file ?? ''}: ${warning.text}`);
  return sources.length;
}
