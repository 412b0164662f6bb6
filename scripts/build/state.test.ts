import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeBuildFingerprint, isBuildCurrent, writeBuildInfo } from './state';

let root = '';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

function markBuilt(): void {
  write('.next/BUILD_ID', 'build');
  write('dist/.keep', '');
  writeBuildInfo(computeBuildFingerprint(root), root);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-state-'));
  write('node_modules/next/package.json', JSON.stringify({ version: '16.4.6' }));
  write('package-lock.json', '{"lockfileVersion":3}');
  write('proxy.ts', 'export function proxy() {}');
  write('server.ts', 'console.log(1);');
  write('lib/queue/queues.ts', 'export const a = 1;');
  write('lib/queue/queues.test.ts', 'test');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('build state', () => {
  it('is stale until built, then current', () => {
    expect(isBuildCurrent(root)).toBe(false);
    markBuilt();
    expect(isBuildCurrent(root)).toBe(true);
  });

  it.each([
    ['the lockfile', 'package-lock.json', '{"lockfileVersion":3,"packages":{}}'],
    ['proxy.ts', 'proxy.ts', 'export function proxy() { return 1; }'],
    ['the installed Next.js', 'node_modules/next/package.json', JSON.stringify({ version: '16.4.7' })],
    ['a source file', 'lib/queue/queues.ts', 'export const a = 2;'],
    ['a new source file', 'worker/extra.ts', 'export {};'],
  ])('is stale after a change of %s, whatever its file time', (_name, file, text) => {
    markBuilt();
    const before = fs.statSync(path.join(root, 'package-lock.json')).mtime;
    write(file, text);
    fs.utimesSync(path.join(root, file), before, before);
    expect(isBuildCurrent(root)).toBe(false);
  });

  it('stays current when only a test file changes', () => {
    markBuilt();
    write('lib/queue/queues.test.ts', 'changed test');
    expect(isBuildCurrent(root)).toBe(true);
  });

  it('is stale when the UI build is gone', () => {
    markBuilt();
    fs.rmSync(path.join(root, '.next'), { recursive: true });
    expect(isBuildCurrent(root)).toBe(false);
  });

  it('refuses to fingerprint a project without Next.js installed', () => {
    fs.rmSync(path.join(root, 'node_modules'), { recursive: true });
    expect(() => computeBuildFingerprint(root)).toThrow(/npm ci/);
  });
});
