import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const MIGRATIONS_DIR = join(__dirname, '../../../../prisma/migrations');

/** Base URL of the database tests may create schemas in (the `test` database by default). */
export function testDatabaseBaseUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? 'postgresql://root@127.0.0.1:5432/test';
}

/** The SQL of every committed migration (prisma/migrations), oldest first. */
export function migrationScripts(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'));
}

export interface TestDatabase {
  /** A Prisma-style URL (`?schema=`) that points at this file's own schema. */
  url: string;
  schema: string;
  /** Runs raw SQL in the test schema (for assertions and fixtures). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * Gives a test file its own Postgres schema with every committed migration
 * applied, so test files run in parallel and in any order.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const schema = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const base = testDatabaseBaseUrl();
  const client = new Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(`SET search_path TO "${schema}"`);
  for (const sql of migrationScripts()) await client.query(sql);
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    schema,
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    drop: async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
