/**
 * Prisma CLI configuration.
 *
 * The CLI runs its WebAssembly schema engine through the `pg` driver adapter, so migrations work
 * without downloading a native engine binary. `relabelCatalogTypes` works around
 * prisma/orm#27403: while introspecting, the engine reads Postgres catalog columns whose types
 * (`"char"`, `name`, ...) adapter-pg does not map; they are plain text, so we report them as text.
 * This patch lives only in the CLI process; the product's runtime never loads this file.
 */
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defineConfig } from 'prisma/config';
import { DEFAULT_DATABASE_URL } from './lib/env/defaults';

const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const CATALOG_SCALAR_OIDS = new Set([18, 19, 22, 30, 194, 2205]);
const CATALOG_ARRAY_OIDS = new Set([1002, 1003]);

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function relabelFields(result: unknown): void {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as QueryResultLike[]) {
    for (const field of r?.fields ?? []) {
      if (CATALOG_SCALAR_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      else if (CATALOG_ARRAY_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY_OID;
    }
  }
}

function relabelCatalogTypes(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __relabelled?: boolean };
  if (proto.__relabelled) return;
  const original = proto.query;
  proto.query = function patchedQuery(this: unknown, ...args: unknown[]) {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (err: unknown, res: unknown) => {
        if (!err) relabelFields(res);
        return (callback as (e: unknown, r: unknown) => unknown)(err, res);
      };
      return original.apply(this, args);
    }
    const out = original.apply(this, args);
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      return (out as Promise<unknown>).then((res) => {
        relabelFields(res);
        return res;
      });
    }
    return out;
  };
  proto.__relabelled = true;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    relabelCatalogTypes();
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL });
  },
});
