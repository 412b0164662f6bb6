/** Machine-readable results: `bench/results/latest.json`, plus a copy named by the run's time. */
import fs from 'node:fs';
import path from 'node:path';

export function writeResults(dir: string, startedAt: Date, payload: unknown): string {
  fs.mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(payload, null, 2)}\n`;
  const latest = path.join(dir, 'latest.json');
  fs.writeFileSync(latest, text);
  fs.writeFileSync(path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`), text);
  return latest;
}
