import type { INestMicroservice } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { createPrismaClient, type PrismaClient } from '@branchline/db';
import { computeHa1 } from '@branchline/digest';
import { LocationStore } from '@branchline/location';
import { SecretBox } from '@branchline/secrets';
import { SipPhone, createTestDatabase, startSipServerProcess, testRedisUrl, waitFor, type SipServerProcess, type TestDatabase } from '@branchline/testing';
import { createRegistrar } from '../app/create-registrar';
import { loadRegistrarConfig, type RegistrarConfig } from '../app/registrar.config';


export interface RegistrarHarness {
  sip: SipServerProcess;
  db: TestDatabase;
  prisma: PrismaClient;
  redis: Redis;
  location: LocationStore;
  config: RegistrarConfig;
  registrar: INestMicroservice;
  /** Stops the registrar and starts a new one on the same config (sip-server, Redis and Postgres keep running). */
  restartRegistrar(): Promise<void>;
  close(): Promise<void>;
}

/** sip-server process + the registrar in-process, on this file's own Postgres schema and Redis prefix. */
export async function startRegistrar(label: string, env: Record<string, string> = {}, sipEnv: Record<string, string> = {}): Promise<RegistrarHarness> {
  const db = await createTestDatabase(label);
  const sip = await startSipServerProcess(sipEnv);
  const prefix = `t:${label}:${randomBytes(3).toString('hex')}:`;
  const config = loadRegistrarConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    DRACHTIO_SERVERS: `127.0.0.1:${sip.drachtioPort}`,
    DRACHTIO_SECRET: sip.secret,
    NONCE_SECRET: 'test-nonce-secret-0123456789abcdef-0123',
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    REGISTRAR_ID: 'registrar-test',
    // no ops listener unless a test asks for one (its default port would clash between test files)
    METRICS_PORT: '0',
    ...env,
  });
  const registrar = await createRegistrar(config);
  await untilRegistrarAnswers(sip.sipPort);
  const prisma = createPrismaClient(db.url);
  const redis = new Redis(testRedisUrl());
  const h: RegistrarHarness = {
    sip,
    db,
    prisma,
    redis,
    config,
    registrar,
    location: new LocationStore(redis, { prefix }),
    restartRegistrar: async () => {
      await h.registrar.close();
      h.registrar = await createRegistrar(config);
      await untilRegistrarAnswers(sip.sipPort);
    },
    close: async () => {
      await h.registrar.close();
      await sip.stop();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await prisma.$disconnect();
      await db.drop();
    },
  };
  return h;
}

/**
 * drachtio-srf reports itself connected once authenticated, with its `route register` command sent
 * but not yet taken by the server: a REGISTER arriving in between gets the server's own answer (503:
 * no app takes the method right now). Waits until the registrar itself answers one (from an address
 * no test uses), after a start or a restart.
 */
async function untilRegistrarAnswers(sipPort: number): Promise<void> {
  const probe = await SipPhone.open('probe', 'probe.invalid', { host: '127.0.0.1', port: sipPort }, '127.0.9.254');
  try {
    // the registrar answers a domain it does not serve with 404 "Domain Not Served"
    await waitFor(async () => (await probe.register())?.reason === 'Domain Not Served', { timeoutMs: 10_000, what: 'the registrar to answer REGISTER' });
  } finally {
    probe.close();
  }
}

/** A tenant with phones whose password is `password`. */
export async function createPhones(h: RegistrarHarness, domain: string, numbers: string[], password: string, enabled = true) {
  const box = new SecretBox('test-secrets-key-0123456789abcdef');
  const tenant = await h.prisma.tenant.create({ data: { name: domain, slug: domain.replace(/\W/g, '-'), sipDomain: domain, countryCode: 'DE' } });
  const site = await h.prisma.site.create({
    data: { tenantId: tenant.id, name: 'HQ', code: 'HQ', extensionRangeStart: 1000, extensionRangeEnd: 9999, countryCode: 'DE', countryCallingCode: '49', areaCode: '30' },
  });
  for (const number of numbers) {
    await h.prisma.extension.create({
      data: {
        tenantId: tenant.id,
        siteId: site.id,
        number,
        displayName: `Phone ${number}`,
        sipUsername: number,
        ha1Md5: computeHa1('MD5', number, domain, password),
        ha1Sha256: computeHa1('SHA-256', number, domain, password),
        sipPasswordEnc: box.encrypt(password),
        enabled,
      },
    });
  }
  return tenant;
}

/** A sipp -inf file: user;domain;[authentication ...];expires per line. */
export function credentialsCsv(rows: Array<{ user: string; domain: string; password: string; expires?: number }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'reg-csv-'));
  const file = join(dir, 'users.csv');
  writeFileSync(
    file,
    ['SEQUENTIAL', ...rows.map((r) => `${r.user};${r.domain};[authentication username=${r.user} password=${r.password}];${r.expires ?? 300}`)].join('\n') + '\n',
  );
  return file;
}
