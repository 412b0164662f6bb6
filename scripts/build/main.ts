/**
 * `npm run build`: everything production runs, checked and compiled.
 *   1. the Prisma client (generated from prisma/schema.prisma);
 *   2. `tsc --noEmit`: a type error anywhere fails the build;
 *   3. the UI (`next build`);
 *   4. the server, the worker and the scripts to JavaScript in dist/ (compile.ts);
 *   5. dist/build-info.json: the fingerprint of the inputs (state.ts).
 * `--if-stale` does nothing when the build is current (what `npm start` runs first).
 */
import { spawnSync } from 'node:child_process';
import { compileServer } from './compile';
import { computeBuildFingerprint, isBuildCurrent, writeBuildInfo } from './state';

function step(title: string, command: string, args: string[]): void {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${title} failed (\`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal})`);
}

async function main(): Promise<void> {
  const fingerprint = computeBuildFingerprint();
  if (process.argv.includes('--if-stale')) {
    if (isBuildCurrent(process.cwd(), fingerprint)) return;
    console.log('Building (first start, or the sources, the lockfile or Next.js changed)…');
  }
  step('Prisma client', 'npm', ['run', '--silent', 'db:generate']);
  step('Type check', 'npx', ['tsc', '--noEmit']);
  step('UI', 'npx', ['next', 'build']);
  console.log('\n== Server, worker and scripts');
  const files = await compileServer();
  console.log(`Compiled ${files} files into dist/.`);
  writeBuildInfo(fingerprint);
}

main().catch((err: Error) => {
  console.error(`Build failed: ${err.message}`);
  process.exit(1);
});
