/** `prisma generate` without letting the CLI try to download native engines. */
import { spawnSync } from 'node:child_process';
import { prismaEnv } from './migrate';
import { DEFAULT_DATABASE_URL } from '@/lib/env/defaults';

const result = spawnSync('npx', ['prisma', 'generate'], {
  env: prismaEnv(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL),
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
