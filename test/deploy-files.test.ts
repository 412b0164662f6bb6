/**
 * Static checks of the deployment files (no Docker engine is needed): docker-compose.yml passes
 * every setting through env_file and scales the app behind the proxy; the Dockerfile builds in
 * stages and runs the compiled output as an unprivileged user with a health check.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENTRY_POINTS } from '@/scripts/build/compile';
import { compiledPath } from '@/scripts/build/state';
import { parseEnv } from '@/lib/env';
import { WORKER_MALLOC_ENV, workerHeapFlags } from '@/lib/process/worker-heap';

type Service = {
  env_file?: string | (string | { path: string })[];
  environment?: Record<string, string>;
  command?: string[];
  ports?: string[];
  container_name?: string;
  restart?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
};

const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const PRODUCT = ['prepare', 'app', 'worker'] as const;
/** Set by the compose file itself: where things are inside the deployment, not tunables. */
const WIRING = ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'HOST', 'PORT', 'DATA_DIR', 'TRUST_PROXY'];
const documented = [...fs.readFileSync('.env.example', 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);

const envFiles = (s: Service) => [s.env_file ?? []].flat().map((f) => (typeof f === 'string' ? f : f.path));
const compiledOutputs = new Set(ENTRY_POINTS.map(compiledPath));

describe('docker-compose.yml', () => {
  it('overrides only settings that .env.example documents', () => {
    expect(documented).toEqual(expect.arrayContaining(['ENCRYPTION_KEY', 'DELIVERY_CONCURRENCY', 'METRICS_TOKEN']));
    expect(documented).toEqual(expect.arrayContaining(WIRING));
  });

  it.each(PRODUCT)('%s gets every setting of .env, and overrides only the wiring (and a worker its allocator settings)', (name) => {
    const service = services[name]!;
    expect(envFiles(service)).toContain('.env');
    const own = name === 'worker' ? Object.keys(WORKER_MALLOC_ENV) : [];
    expect(Object.keys(service.environment ?? {}).sort()).toEqual([...WIRING, ...own].sort());
    expect(service.environment).toEqual({ ...services.app!.environment, ...(name === 'worker' ? WORKER_MALLOC_ENV : {}) });
  });

  it.each(PRODUCT)('%s runs a file that the build compiles', (name) => {
    const script = services[name]!.command?.find((arg) => arg.startsWith('dist/'));
    expect(script && compiledOutputs.has(script)).toBe(true);
  });

  it('scales the app: no fixed host port or container name, traffic through the proxy', () => {
    expect(services.app!.ports).toBeUndefined();
    expect(services.app!.container_name).toBeUndefined();
    const caddy = services.caddy!;
    expect(caddy.ports?.length).toBeGreaterThan(0);
    const mounted = caddy.volumes?.find((v) => v.endsWith(':/etc/caddy/Caddyfile:ro'))?.split(':')[0];
    expect(mounted).toBe('./deploy/Caddyfile');
    const caddyfile = fs.readFileSync('deploy/Caddyfile', 'utf8');
    expect(caddyfile).toMatch(/dynamic a \{\s*name app\s*port 3000/);
  });

  it('prepares once before the app and the workers start', () => {
    expect(services.prepare!.command).toContain('--prepare-only');
    expect(services.prepare!.restart).toBe('no');
    for (const name of ['app', 'worker']) expect(services[name]!.depends_on?.prepare?.condition).toBe('service_completed_successfully');
  });

  it("starts workers with the heap limits' defaults of lib/env, as the Dockerfile's example does", () => {
    const defaults = workerHeapFlags(parseEnv({}));
    expect(defaults).toHaveLength(2);
    // Compose's `${VAR:-default}` as the flag it gives when .env leaves the variable out.
    const command = services.worker!.command!.map((arg) => arg.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'));
    expect(command).toEqual(expect.arrayContaining(defaults));
    // `npm run worker` takes them from the configuration, as `npm start` does (scripts/product-parts.ts).
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.worker).toBe('node --enable-source-maps dist/scripts/worker.js');
    const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toContain(`node ${defaults.join(' ')} dist/worker/main.js`);
    for (const [name, value] of Object.entries(WORKER_MALLOC_ENV)) expect(dockerfile).toContain(`-e ${name}=${value}`);
  });

  it("checks the worker's health with its heartbeat", () => {
    const test = services.worker!.healthcheck?.test ?? [];
    expect(test).toContain(compiledPath('scripts/worker-health.ts'));
    expect(compiledOutputs.has(compiledPath('scripts/worker-health.ts'))).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync('Dockerfile', 'utf8').replace(/\\\n/g, ' ');
  const stages = dockerfile.split(/^FROM /m).slice(1).map((text) => ({ name: /^\S+ AS (\S+)/.exec(text)?.[1], text }));
  const runtime = stages.at(-1)!;

  it('builds in stages and ends with the runtime stage on Node 24', () => {
    expect(stages.map((s) => s.name)).toEqual(['base', 'deps', 'build', 'runtime']);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-/m);
    expect(stages.find((s) => s.name === 'build')!.text).toMatch(/npm run build[\s\S]*production-deps\.ts --prune/);
  });

  it('runs the compiled app as an unprivileged user, under tini, with a health check', () => {
    expect(runtime.text).toMatch(/^USER node$/m);
    expect(runtime.text).toMatch(/^HEALTHCHECK .*\/api\/health/m);
    expect(runtime.text).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    const cmd = JSON.parse(/^CMD (.*)$/m.exec(runtime.text)![1]!) as string[];
    expect(compiledOutputs.has(cmd.at(-1)!)).toBe(true);
  });

  it('installs nothing from the registry in the runtime stage (its packages are the pruned build ones)', () => {
    expect(runtime.text).not.toMatch(/npm (ci|install)/);
    expect(runtime.text).toMatch(/COPY --from=build \/app\/node_modules/);
  });

  it('keeps secrets, dependencies and outputs of this machine out of the build context', () => {
    const ignored = fs.readFileSync('.dockerignore', 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', '.env', 'dist', '.next', 'data']));
  });
});
