import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileServer } from './compile';

const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./*'] } } }),
  'main.ts': [
    "import { greet } from '@/lib/greet';",
    "import { ownUrl } from './lib/own-url';",
    'const typed: string = greet("node");',
    'console.log(JSON.stringify({ typed, ownUrl: ownUrl() }));',
  ].join('\n'),
  'lib/greet.ts': "import path from 'node:path';\nexport const greet = (name: string) => `hello ${path.basename(name)}`;",
  'lib/own-url.ts': 'export const ownUrl = () => import.meta.url;',
  'lib/unreached.ts': 'export const unreached = 1;',
};

let root = '';
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function writeProject(): void {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-'));
  for (const [file, text] of Object.entries(PROJECT)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

describe('compileServer', () => {
  it('compiles each reached source file to its own module that plain node runs', async () => {
    writeProject();
    expect(await compileServer(root, ['main.ts'])).toBe(3);
    const out = JSON.parse(execFileSync(process.execPath, [path.join(root, 'dist', 'main.js')], { encoding: 'utf8' }));
    expect(out.typed).toBe('hello node');
    // Each module keeps its own URL, as in development: it is not merged into main.js.
    expect(out.ownUrl).toMatch(/\/dist\/lib\/own-url\.js$/);
    const main = fs.readFileSync(path.join(root, 'dist', 'main.js'), 'utf8');
    expect(main).toContain('from "./lib/greet.js"');
    expect(fs.existsSync(path.join(root, 'dist', 'lib', 'unreached.js'))).toBe(false);
  });

  it('fails on an import of a file that does not exist', async () => {
    writeProject();
    fs.writeFileSync(path.join(root, 'main.ts'), "import { gone } from '@/lib/gone';\nconsole.log(gone);");
    await expect(compileServer(root, ['main.ts'])).rejects.toThrow(/gone/);
  });
});
