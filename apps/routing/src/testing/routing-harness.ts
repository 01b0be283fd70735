import type { INestMicroservice } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '@branchline/db';
import { computeHa1 } from '@branchline/digest';
import { SecretBox } from '@branchline/secrets';
import {
  createTestDatabase,
  freePort,
  runSipp,
  startRegistrarProcess,
  startSipServerProcess,
  testRedisUrl,
  waitFor,
  type RegistrarProcess,
  type SippResult,
  type SipServerProcess,
  type TestDatabase,
} from '@branchline/testing';
import { createRouting } from '../app/create-routing';
import { loadRoutingConfig, type RoutingConfig } from '../app/routing.config';

export interface RoutingHarness {
  sip: SipServerProcess;
  registrar: RegistrarProcess;
  db: TestDatabase;
  prisma: PrismaClient;
  redis: Redis;
  config: RoutingConfig;
  routing: INestMicroservice;
  close(): Promise<void>;
}

/**
 * The real sip-server and registrar processes plus routing in-process, on
 * this file's own Postgres schema; routing shares the registrar's Redis
 * prefix, since it reads the registrar's location bindings. `databaseUrl`
 * puts them on a database the caller owns instead (a private Postgres the
 * test stops and starts); close() leaves that database alone. `sipEnv` goes to the
 * sip-server process (a TLS certificate, say).
 */
export async function startRouting(
  label: string,
  env: Record<string, string> = {},
  o: { databaseUrl?: string; sipEnv?: Record<string, string> } = {},
): Promise<RoutingHarness> {
  const db = o.databaseUrl ? callersDatabase(o.databaseUrl) : await createTestDatabase(label);
  const sip = await startSipServerProcess(o.sipEnv);
  // The brute-force defence is shared by REGISTER and INVITE, so both apps get the same thresholds: high
  // enough that other tests' phones on 127.0.0.1 never meet them, unless the test sets LOCKOUT_*.
  const lockout = { LOCKOUT_THRESHOLD: '1000', ...Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('LOCKOUT_'))) };
  const registrar = await startRegistrarProcess({ databaseUrl: db.url, sip, env: lockout });
  const config = loadRoutingConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    DRACHTIO_SERVERS: `127.0.0.1:${sip.drachtioPort}`,
    DRACHTIO_SECRET: sip.secret,
    NONCE_SECRET: 'test-routing-nonce-secret-0123456789abcdef',
    REDIS_PREFIX: registrar.redisPrefix,
    BUS_CHANNEL_PREFIX: registrar.redisPrefix,
    LOG_LEVEL: process.env['ROUTING_TEST_LOG_LEVEL'] ?? 'silent',
    ROUTING_ID: 'routing-test',
    // no ops listener unless a test asks for one (its default port would clash between test files)
    METRICS_PORT: '0',
    ...lockout,
    ...env,
  });
  const routing = await createRouting(config);
  const prisma = createPrismaClient(db.url);
  const redis = new Redis(testRedisUrl());
  return {
    sip,
    registrar,
    db,
    prisma,
    redis,
    config,
    routing,
    close: async () => {
      await routing.close();
      await registrar.stop();
      await sip.stop();
      const keys = await redis.keys(`${registrar.redisPrefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

/** A database the test owns (its public schema): one connection per query, so queries work again once a stopped server is back. */
function callersDatabase(url: string): TestDatabase {
  return {
    url,
    schema: 'public',
    query: async <T>(sql: string, params: unknown[] = []) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    drop: async () => undefined,
  };
}

export interface PhoneSpec {
  number: string;
  classOfService?: 'INTERNAL' | 'LOCAL' | 'NATIONAL' | 'INTERNATIONAL' | 'PREMIUM';
  enabled?: boolean;
}

/** A tenant with sites (each with its own phones), every phone with password `password`. */
export async function createTenant(
  h: Pick<RoutingHarness, 'prisma'>,
  domain: string,
  sites: Array<{ name: string; code: string; areaCode: string; costCentre: string; range: [number, number]; phones: PhoneSpec[] }>,
  password: string,
) {
  const box = new SecretBox('test-secrets-key-0123456789abcdef');
  const tenant = await h.prisma.tenant.create({ data: { name: domain, slug: domain.replace(/\W/g, '-'), sipDomain: domain, countryCode: 'DE' } });
  const extensions = new Map<string, { id: string; siteId: string }>();
  const siteIds = new Map<string, string>();
  for (const s of sites) {
    const site = await h.prisma.site.create({
      data: {
        tenantId: tenant.id,
        name: s.name,
        code: s.code,
        extensionRangeStart: s.range[0],
        extensionRangeEnd: s.range[1],
        countryCode: 'DE',
        countryCallingCode: '49',
        areaCode: s.areaCode,
        costCentre: s.costCentre,
      },
    });
    siteIds.set(s.code, site.id);
    for (const p of s.phones) {
      const e = await h.prisma.extension.create({
        data: {
          tenantId: tenant.id,
          siteId: site.id,
          number: p.number,
          displayName: `Phone ${p.number}`,
          sipUsername: p.number,
          ha1Md5: computeHa1('MD5', p.number, domain, password),
          ha1Sha256: computeHa1('SHA-256', p.number, domain, password),
          sipPasswordEnc: box.encrypt(password),
          classOfService: p.classOfService ?? 'NATIONAL',
          enabled: p.enabled ?? true,
        },
      });
      extensions.set(p.number, { id: e.id, siteId: site.id });
    }
  }
  return { tenant, extensions, siteIds };
}

/** A sipp -inf file for the routing call scenarios: user;domain;[authentication ...];dialed. */
export function callCsv(caller: string, domain: string, password: string, dialed: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'call-csv-'));
  const file = join(dir, 'call.csv');
  writeFileSync(file, `SEQUENTIAL\n${caller};${domain};[authentication username=${caller} password=${password}];${dialed}\n`);
  return file;
}

/**
 * One call with a caller scenario of `test/sipp/routing/` through the harness's sip-server: the
 * caller authenticates as `caller` of `domain` with `password` and dials `dialed`.
 */
export async function placeCall(
  h: Pick<RoutingHarness, 'sip'>,
  scenario: string,
  c: { caller: string; domain: string; password: string; dialed: string; localPort?: number; timeoutSeconds?: number },
): Promise<SippResult> {
  return runSipp({
    scenario: `routing/${scenario}`,
    remote: `127.0.0.1:${h.sip.sipPort}`,
    localPort: c.localPort ?? (await freePort()),
    calls: 1,
    extraArgs: ['-inf', callCsv(c.caller, c.domain, c.password, c.dialed)],
    timeoutSeconds: c.timeoutSeconds ?? 30,
  });
}

/** The CDR rows of calls from `callerNumber` to `dialed` in the harness's schema, once there is one (10 s at most). */
export function cdrsOf<T>(h: Pick<RoutingHarness, 'db'>, callerNumber: string, dialed: string): Promise<T[]> {
  return waitFor(
    async () => {
      const rows = await h.db.query<T>(`SELECT * FROM cdrs WHERE caller_number = $1 AND dialed_number = $2`, [callerNumber, dialed]);
      return rows.length ? rows : undefined;
    },
    { timeoutMs: 10_000, what: `the CDR of ${callerNumber} → ${dialed}` },
  );
}
