import { PrismaPg } from '@prisma/adapter-pg';
import { parse } from 'pg-connection-string';
import pg from 'pg';

/**
 * The driver-adapter factory the Prisma CLI's JavaScript schema engine uses
 * (prisma.config.ts). It exists because the stock PrismaPg factory has three
 * bugs that break `migrate` offline (see docs/ENVIRONMENT notes):
 *  1. the schema engine reads catalog columns of type `name` (oid 19) and
 *     `"char"` (oid 18), which adapter-pg refuses to deserialize;
 *  2. a `connectionString` overrides the shadow database name, so the
 *     "shadow" database would be the real one;
 *  3. the shadow database is dropped while its own pool is still connected.
 */
const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);

type Field = { dataTypeID: number };
type QueryResultLike = { fields?: Field[] } | Array<{ fields?: Field[] }>;
type Queryable = { performIO: (q: unknown) => Promise<QueryResultLike> };
type Adapter = Queryable & {
  startTransaction: (...a: unknown[]) => Promise<unknown>;
  executeScript: (s: string) => Promise<void>;
  dispose: () => Promise<void>;
};

function mapCatalogTypes(result: QueryResultLike): void {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of r?.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
    }
  }
}

function patchQueryable<T>(q: T): T {
  const target = q as unknown as Queryable;
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    mapCatalogTypes(result);
    return result;
  };
  return q;
}

function patchAdapter<T>(a: T): T {
  const adapter = patchQueryable(a) as unknown as Adapter;
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchQueryable(await start(...args));
  return a;
}

type MigrationAdapterFactory = Pick<PrismaPg, 'provider' | 'adapterName' | 'connect' | 'connectToShadowDb'>;
type ShadowAdapter = Awaited<ReturnType<PrismaPg['connectToShadowDb']>>;

export function migrationAdapterFactory(databaseUrl: string): MigrationAdapterFactory {
  const c = parse(databaseUrl);
  const config: pg.PoolConfig = {
    host: c.host ?? '127.0.0.1',
    port: c.port ? Number(c.port) : 5432,
    user: c.user ?? undefined,
    password: c.password ?? undefined,
    database: c.database ?? undefined,
  };
  // Prisma's schema-scoped URLs (?schema=x) select the search path.
  const schema = new URL(databaseUrl).searchParams.get('schema') ?? undefined;
  const factory = new PrismaPg(config, schema ? { schema } : undefined);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patchAdapter(await factory.connect()),
    connectToShadowDb: async () => {
      const main = await factory.connect();
      const database = `prisma_shadow_${crypto.randomUUID().replace(/-/g, '')}`;
      await main.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = new PrismaPg({ ...config, database });
      const conn = patchAdapter(await shadow.connect()) as unknown as Adapter;
      const dispose = conn.dispose.bind(conn);
      conn.dispose = async () => {
        await dispose();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await main.dispose();
      };
      return conn as unknown as ShadowAdapter;
    },
  };
}
