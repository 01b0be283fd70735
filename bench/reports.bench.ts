/**
 * Finance reports benchmark: seeds BENCH_REPORT_CDRS calls (default 500,000)
 * over a year, 8 sites and 200 extensions in bulk (generate_series), then
 * times summaries through the HTTP API of the production build
 * (dist/apps/accounts/main.js) in its own process, real Postgres/Redis:
 * month × site, the same with compare, site × destination × day over a
 * month, and year × site × month. Sequential requests, p50/p95. Writes
 * bench/results/reports.json. Timings never fail anything.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient } from '../libs/db/src';
import { hashPassword } from '../libs/secrets/src';
import { createTestDatabase } from '../libs/testing/src';

const PORT = Number(process.env['BENCH_REPORTS_PORT'] ?? 3991);
const BASE = `http://127.0.0.1:${PORT}`;
const CDRS = Number(process.env['BENCH_REPORT_CDRS'] ?? 500_000);
const RUNS = Number(process.env['BENCH_REPORT_RUNS'] ?? 20);
const SITES = 8;
const EXTENSIONS_PER_SITE = 25;

const CASES: Array<[string, string]> = [
  ['month × site', 'from=2026-11-01&to=2026-11-30&groupBy=site'],
  ['month × site, compare', 'from=2026-11-01&to=2026-11-30&groupBy=site&compare=true'],
  ['month × site × destination × day', 'from=2026-11-01&to=2026-11-30&groupBy=site,destination,day'],
  ['year × site × month', 'from=2026-01-01&to=2026-12-31&groupBy=site,month'],
];

async function waitHealthy(deadline = Date.now() + 30_000) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('accounts did not become healthy');
}

/** Sites, extensions, two gateways and the calls, all in bulk statements. */
async function seed(db: Awaited<ReturnType<typeof createTestDatabase>>, tenantId: string) {
  await db.query(
    `INSERT INTO sites (id, tenant_id, name, code, extension_range_start, extension_range_end, time_zone, country_code,
                        country_calling_code, area_code, cost_centre, updated_at)
     SELECT gen_random_uuid(), $1::uuid, 'Site ' || s, 'S' || s, 1000 * s, 1000 * s + 999, 'Europe/Berlin', 'DE', '49', '30',
            'CC-' || s, now()
     FROM generate_series(1, $2::int) s`,
    [tenantId, SITES],
  );
  await db.query(
    `INSERT INTO extensions (id, tenant_id, site_id, number, display_name, sip_username, ha1_md5, ha1_sha256, sip_password_enc, updated_at)
     SELECT gen_random_uuid(), s.tenant_id, s.id, (s.extension_range_start + x)::text, 'User ' || s.code || '-' || x,
            'u' || s.code || x, 'x', 'x', 'x', now()
     FROM sites s CROSS JOIN generate_series(1, $2::int) x WHERE s.tenant_id = $1::uuid`,
    [tenantId, EXTENSIONS_PER_SITE],
  );
  await db.query(
    `INSERT INTO gateways (id, tenant_id, name, host, updated_at)
     SELECT gen_random_uuid(), $1::uuid, 'carrier-' || g, '127.0.0.1', now() FROM generate_series(1, 2) g`,
    [tenantId],
  );
  // Each call: an extension (so a site), a direction (70 % outbound), a destination among a few countries
  // (a third without a rate description, named by calling code), a start spread over 2026, a five-place cost.
  await db.query(
    `WITH e AS (SELECT row_number() OVER (ORDER BY number) - 1 AS i, id, site_id FROM extensions WHERE tenant_id = $1::uuid),
          gw AS (SELECT row_number() OVER (ORDER BY name) - 1 AS i, id FROM gateways WHERE tenant_id = $1::uuid),
          n AS (SELECT * FROM (VALUES (0, '+4930', 'Germany fixed'), (1, '+3314', 'France'), (2, '+1212', 'USA'),
                                      (3, '+44207', 'United Kingdom'), (4, '+3906', NULL), (5, '+4179', NULL)) AS n(i, prefix, rate)),
          c AS (SELECT g, (g * 7919) % $3::int AS ext, CASE WHEN g % 10 < 7 THEN 'OUTBOUND' WHEN g % 10 < 9 THEN 'INBOUND'
                       WHEN g % 1000 = 999 THEN 'EMERGENCY' ELSE 'INTERNAL' END AS direction,
                       timestamptz '2026-01-01 00:00:00+01' + (g::float8 / $2::int) * interval '365 days' AS started_at
                FROM generate_series(1, $2::int) g)
     INSERT INTO cdrs (id, tenant_id, call_id, direction, disposition, caller_number, caller_extension_id, site_id, cost_centre,
                       dialed_number, normalized_number, gateway_id, started_at, ended_at, duration_sec, billable_sec,
                       rate_description, cost, currency)
     SELECT gen_random_uuid(), $1::uuid, 'bench-' || c.g, c.direction::"CallDirection",
            (CASE WHEN c.g % 7 = 0 THEN 'NO_ANSWER' ELSE 'ANSWERED' END)::"CallDisposition",
            '1000', e.id, e.site_id, 'CC', '0' || n.prefix || (c.g % 100000)::text, n.prefix || (c.g % 100000)::text,
            gw.id, c.started_at, c.started_at + interval '1 minute', 60, 60,
            CASE WHEN c.direction = 'OUTBOUND' THEN n.rate END,
            CASE WHEN c.direction = 'OUTBOUND' AND c.g % 7 <> 0 THEN round(((c.g * 37) % 100000) / 100000.0, 5) ELSE 0 END, 'EUR'
     FROM c JOIN e ON e.i = c.ext JOIN n ON n.i = c.g % 6 JOIN gw ON gw.i = c.g % 2`,
    [tenantId, CDRS, SITES * EXTENSIONS_PER_SITE],
  );
  await db.query('ANALYZE cdrs');
}

const percentile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

async function timeCase(query: string, token: string) {
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(`${BASE}/api/v1/reports/summary?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { rows?: unknown[] };
    if (!res.ok) throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, rows: body.rows?.length ?? 0 };
  };
  const { rows } = await once(); // warm-up: plans and buffers
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push((await once()).ms);
  return { rows, p50Ms: Math.round(percentile(ms, 0.5)), p95Ms: Math.round(percentile(ms, 0.95)) };
}

async function main() {
  const db = await createTestDatabase('bench_reports');
  const prisma = createPrismaClient(db.url);
  const app = spawn(process.execPath, [join(__dirname, '../dist/apps/accounts/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
      SECRETS_KEY: 'bench-secrets-key-0123456789abcdef-0123456789',
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitHealthy();
    const tenant = await prisma.tenant.create({ data: { name: 'Bench', slug: 'bench', sipDomain: 'bench.example', countryCode: 'DE' } });
    const t0 = performance.now();
    await seed(db, tenant.id);
    const seedMs = Math.round(performance.now() - t0);
    await prisma.user.create({
      data: { tenantId: tenant.id, email: 'finance@bench.example', name: 'Bench', role: 'FINANCE', passwordHash: await hashPassword('Bench-Password-1') },
    });
    const login = await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'finance@bench.example', password: 'Bench-Password-1' }),
    });
    const { accessToken: token } = (await login.json()) as { accessToken: string };

    const cases: Record<string, { query: string; rows: number; p50Ms: number; p95Ms: number }> = {};
    for (const [name, query] of CASES) cases[name] = { query, ...(await timeCase(query, token)) };

    const results = { cores: availableParallelism(), cdrs: CDRS, sites: SITES, runs: RUNS, seedMs, cases, measuredAt: new Date().toISOString() };
    const rows: Array<[string, string]> = [
      ['cores', String(results.cores)],
      [`seed ${CDRS} CDRs (generate_series)`, `${seedMs} ms`],
      ...Object.entries(cases).map(([name, c]): [string, string] => [
        `GET /reports/summary ${name}`,
        `p50 ${c.p50Ms} ms, p95 ${c.p95Ms} ms (${c.rows} rows, ${RUNS} runs)`,
      ]),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(`\nreports benchmark\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'reports.json'), JSON.stringify(results, null, 2) + '\n');
  } finally {
    const exited = new Promise((r) => app.once('exit', r));
    app.kill('SIGTERM');
    await exited;
    await prisma.$disconnect();
    await db.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
