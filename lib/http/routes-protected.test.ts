import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const API_DIR = path.resolve('app/api');
// better-auth's own endpoints (sign-in itself) are the only ones open without a session, with
// the catch-all that answers unknown API paths with a JSON 404 (it serves nothing).
const OPEN = new Set([path.join('auth', '[...all]', 'route.ts'), path.join('[...path]', 'route.ts')]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

describe('management API routes', () => {
  const files = routeFiles(API_DIR).filter((file) => !OPEN.has(path.relative(API_DIR, file)));

  it('exist', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files.map((file) => [path.relative(API_DIR, file), file]))('%s: every handler goes through apiRoute (session, CSRF, errors)', (_name, file) => {
    const source = fs.readFileSync(file, 'utf8');
    const handlers = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b(.*)/g)];
    expect(handlers.length).toBeGreaterThan(0);
    for (const [, method, rest] of handlers) {
      expect(rest, `${method} must be \`export const ${method} = apiRoute(...)\``).toMatch(/^\s*=\s*apiRoute\(/);
    }
  });
});
