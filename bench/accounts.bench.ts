/**
 * Accounts API benchmark: CSV import of 10,000 extensions, then GET
 * /api/v1/extensions throughput over those 10,000, against the production
 * build (dist/apps/accounts/main.js) in its own process, real Postgres/Redis.
 * Writes bench/results/accounts.json. Timings never fail anything.
 */
import { spawn } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createPrismaClient } from '../libs/db/src';
import { hashPassword } from '../libs/secrets/src';
import { createTestDatabase } from '../libs/testing/src';

const PORT = Number(process.env['BENCH_ACCOUNTS_PORT'] ?? 3990);
const BASE = `http://127.0.0.1:${PORT}`;
const ROWS = 10_000;
const IMPORT_RUNS = 3;
const HTTP_SECONDS = Number(process.env['BENCH_HTTP_SECONDS'] ?? 10);

async function json(path: string, init: RequestInit & { token?: string } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers ?? {}) },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

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

function csv(start: number): string {
  const lines = ['number,displayName,classOfService'];
  for (let i = 0; i < ROWS; i++) lines.push(`${start + i},Bench User ${i},NATIONAL`);
  return lines.join('\n');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const db = await createTestDatabase('bench');
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
    await prisma.user.create({
      data: { tenantId: tenant.id, email: 'admin@bench.example', name: 'Bench', role: 'ADMIN', passwordHash: await hashPassword('Bench-Password-1') },
    });
    const { accessToken: token } = await json('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'admin@bench.example', password: 'Bench-Password-1' }),
    });

    const importMs: number[] = [];
    let dryRunMs = 0;
    for (let run = 0; run < IMPORT_RUNS; run++) {
      const start = 100_000 + run * 20_000;
      const site = await json('/api/v1/sites', {
        method: 'POST',
        token,
        body: JSON.stringify({
          name: `Bench ${run}`, code: `B${run}`, extensionRangeStart: start, extensionRangeEnd: start + ROWS - 1,
          timeZone: 'Europe/Berlin', countryCode: 'DE', countryCallingCode: '49', areaCode: '30',
        }),
      });
      const body = csv(start);
      const send = async (dryRun: boolean) => {
        const t0 = performance.now();
        const res = await fetch(`${BASE}/api/v1/sites/${site.id}/extensions/import?dryRun=${dryRun}`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
          body,
        });
        const report = await res.json();
        if (!res.ok || (!dryRun && report.imported !== ROWS)) throw new Error(`import failed: ${res.status}`);
        return performance.now() - t0;
      };
      if (run === 0) dryRunMs = await send(true);
      importMs.push(await send(false));
      // Later runs import into a tenant that already holds earlier runs' rows; the list benchmark uses run 0's 10,000.
      if (run === 0) break;
    }

    const total = await prisma.extension.count({ where: { tenantId: tenant.id } });
    const list = await autocannon({
      url: `${BASE}/api/v1/extensions?pageSize=50`,
      connections: 10,
      duration: HTTP_SECONDS,
      headers: { authorization: `Bearer ${token}` },
    });
    const filtered = await autocannon({
      url: `${BASE}/api/v1/extensions?pageSize=50&q=Bench%20User%2099&sort=-number`,
      connections: 10,
      duration: HTTP_SECONDS,
      headers: { authorization: `Bearer ${token}` },
    });

    const results = {
      cores: availableParallelism(),
      extensions: total,
      importRows: ROWS,
      importMs: Math.round(median(importMs)),
      importRowsPerSec: Math.round(ROWS / (median(importMs) / 1000)),
      dryRunMs: Math.round(dryRunMs),
      listReqPerSec: Math.round(list.requests.average),
      listP50Ms: list.latency.p50,
      listP99Ms: list.latency.p99,
      listErrors: list.errors + list.non2xx,
      searchReqPerSec: Math.round(filtered.requests.average),
      searchP99Ms: filtered.latency.p99,
      searchErrors: filtered.errors + filtered.non2xx,
      httpSeconds: HTTP_SECONDS,
      connections: 10,
      measuredAt: new Date().toISOString(),
    };
    const rows: Array<[string, string]> = [
      ['cores', String(results.cores)],
      [`CSV import, ${ROWS} rows (real, one transaction)`, `${results.importMs} ms (${results.importRowsPerSec} rows/s)`],
      [`CSV import, ${ROWS} rows (dryRun)`, `${results.dryRunMs} ms`],
      [`GET /extensions?pageSize=50 over ${total}`, `${results.listReqPerSec} req/s, p50 ${results.listP50Ms} ms, p99 ${results.listP99Ms} ms, ${results.listErrors} errors`],
      ['GET /extensions search + sort', `${results.searchReqPerSec} req/s, p99 ${results.searchP99Ms} ms, ${results.searchErrors} errors`],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(`\naccounts benchmark\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'accounts.json'), JSON.stringify(results, null, 2) + '\n');
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
