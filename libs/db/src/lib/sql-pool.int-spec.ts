import { createTestDatabase, type TestDatabase } from '@branchline/testing';
import { SqlPool } from './sql-pool';

describe('SqlPool (real Postgres)', () => {
  let db: TestDatabase;
  let pool: SqlPool;

  beforeAll(async () => {
    db = await createTestDatabase('sql-pool');
    pool = new SqlPool(`${db.url}&connection_limit=2`);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('works in the schema the URL names, as Prisma does, and honours connection_limit', async () => {
    expect(pool.options.max).toBe(2);
    expect(pool.totalCount).toBe(0); // nothing opened before the first query
    const r = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
    expect(r.rows).toEqual([{ schema: db.schema }]);
    await db.query(`INSERT INTO tenants (id, name, slug, sip_domain, country_code, updated_at) VALUES (gen_random_uuid(), 'p', 'p', 'p.test', 'DE', now())`);
    const t = await pool.query({ name: 'sql-pool-spec-tenant', text: 'SELECT slug FROM tenants WHERE sip_domain = $1', values: ['p.test'] });
    expect(t.rows).toEqual([{ slug: 'p' }]);
  });

  it('runs a named statement again on a connection that already prepared it', async () => {
    const run = () => pool.query({ name: 'sql-pool-spec-add', text: 'SELECT $1::int + $2::int AS sum', values: [2, 3] });
    const results = await Promise.all(Array.from({ length: 6 }, run));
    expect(results.map((r) => r.rows[0].sum)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(pool.totalCount).toBeLessThanOrEqual(2);
  });

  it('rejects a query when Postgres cannot be reached, without crashing the process', async () => {
    const down = new SqlPool('postgresql://root@127.0.0.1:1/test');
    await expect(down.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await down.end();
  });
});
