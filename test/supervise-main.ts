/**
 * The supervisor of `npm start` over stand-in parts, for tests: the "app" runs until signalled,
 * the "worker" exits with code 3 a moment after each start. pids.json goes to the directory given as the first argument.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { supervise } from '@/scripts/supervisor';

const part = (name: string, code: string) => ({
  name,
  start: () => spawn(process.execPath, ['-e', code], { stdio: 'inherit' }),
});

supervise(
  [part('app', 'setInterval(() => {}, 1000); process.on("SIGTERM", () => process.exit(0));'), part('worker', 'setTimeout(() => process.exit(3), 100);')],
  { pidsFile: path.join(process.argv[2] ?? '.', 'pids.json'), stopGraceMs: 5_000 },
);
