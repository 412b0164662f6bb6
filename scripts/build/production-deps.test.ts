import { describe, expect, it } from 'vitest';
import { productionPackages } from './production-deps';

const LOCKFILE = {
  packages: {
    '': { dependencies: { app: '1' }, devDependencies: { vitest: '4' } },
    'node_modules/app': {
      dependencies: { shared: '2' },
      optionalDependencies: { 'native-binding': '1' },
      peerDependencies: { react: '19', vitest: '4' },
      peerDependenciesMeta: { vitest: { optional: true } },
    },
    'node_modules/app/node_modules/shared': { dependencies: { leaf: '1' } },
    'node_modules/shared': {},
    'node_modules/leaf': {},
    'node_modules/native-binding': {},
    'node_modules/react': {},
    'node_modules/vitest': { dependencies: { vite: '8' } },
    'node_modules/vite': {},
  },
};

describe('productionPackages', () => {
  it('follows dependencies, optional dependencies and required peers, as Node resolves them', () => {
    expect([...productionPackages(LOCKFILE)].sort()).toEqual([
      'node_modules/app',
      'node_modules/app/node_modules/shared',
      'node_modules/leaf',
      'node_modules/native-binding',
      'node_modules/react',
    ]);
  });

  it('leaves out dev tools that are only optional peers of runtime packages', () => {
    const needed = productionPackages(LOCKFILE);
    expect(needed.has('node_modules/vitest')).toBe(false);
    expect(needed.has('node_modules/vite')).toBe(false);
    // The top-level copy is shadowed by the nested one app resolves to.
    expect(needed.has('node_modules/shared')).toBe(false);
  });

  it('refuses a lockfile without the root entry', () => {
    expect(() => productionPackages({ packages: {} })).toThrow(/lockfileVersion 3/);
  });
});
