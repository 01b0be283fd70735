import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createPrismaClient, type PrismaClient, type Role } from '@branchline/db';
import { hashPassword } from '@branchline/secrets';
import { createTestDatabase, testRedisUrl, type TestDatabase } from '@branchline/testing';
import { loadAccountsConfig, type AccountsConfig } from '../app/accounts.config';
import { createAccountsApp } from '../app/create-app';

export interface Harness {
  app: INestApplication;
  http: App;
  db: TestDatabase;
  prisma: PrismaClient;
  config: AccountsConfig;
  close(): Promise<void>;
}

/** The real accounts app on its own Postgres schema, for one test file. */
export async function startAccounts(label: string, env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase(label);
  const config = loadAccountsConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    JWT_SECRET: 'test-jwt-secret-0123456789abcdef-0123456789',
    SECRETS_KEY: 'test-secrets-key-0123456789abcdef-0123456789',
    LOG_LEVEL: 'silent',
    OUTBOX_RELAY_MS: '200',
    // The budget check runs when a test calls it.
    BUDGET_CHECK_SECONDS: '0',
    // Redis keys of this file only (login throttle counters), as the schema is this file's only.
    REDIS_PREFIX: `t:${db.schema}:`,
    ...env,
  });
  const app = await createAccountsApp(config, { logger: false });
  await app.init();
  const prisma = createPrismaClient(db.url);
  return {
    app,
    http: app.getHttpServer() as App,
    db,
    prisma,
    config,
    close: async () => {
      await app.close();
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

export const TEST_PASSWORD = 'Correct-Horse-Battery-9';

export interface TenantFixture {
  tenantId: string;
  sipDomain: string;
  emails: Record<Role, string>;
  /** Logs in as the role's user and returns a bearer token. */
  token(role: Role): Promise<string>;
}

let counter = 0;

/** A tenant with one user per role (SITE_ADMIN gets the sites passed in later via assignSites). */
export async function createTenant(h: Harness, slug = `t${++counter}-${Date.now().toString(36)}`): Promise<TenantFixture> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const tenant = await h.prisma.tenant.create({
    data: { name: `Tenant ${slug}`, slug, sipDomain: `${slug}.example`, countryCode: 'DE', currency: 'EUR' },
  });
  const roles: Role[] = ['ADMIN', 'SITE_ADMIN', 'FINANCE', 'VIEWER'];
  const emails = {} as Record<Role, string>;
  for (const role of roles) {
    emails[role] = `${role.toLowerCase()}@${slug}.example`;
    await h.prisma.user.create({
      data: { tenantId: tenant.id, email: emails[role], name: `${role} user`, passwordHash, role },
    });
  }
  const tokens = new Map<Role, string>();
  return {
    tenantId: tenant.id,
    sipDomain: tenant.sipDomain,
    emails,
    token: async (role) => {
      const cached = tokens.get(role);
      if (cached) return cached;
      const res = await request(h.http).post('/api/v1/auth/login').send({ email: emails[role], password: TEST_PASSWORD });
      if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(role, res.body.accessToken);
      return res.body.accessToken as string;
    },
  };
}

export async function assignSites(h: Harness, t: TenantFixture, role: Role, siteIds: string[]): Promise<void> {
  const user = await h.prisma.user.findUniqueOrThrow({ where: { email: t.emails[role] } });
  await h.prisma.userSite.createMany({ data: siteIds.map((siteId) => ({ userId: user.id, siteId })) });
}

let siteCounter = 0;
/** A valid site body; each call gets its own code and a non-overlapping range. */
export function siteBody(overrides: Record<string, unknown> = {}) {
  const n = ++siteCounter;
  return {
    name: `Site ${n}`,
    code: `S${n}`,
    dialPrefix: String(80 + n),
    extensionRangeStart: n * 1000,
    extensionRangeEnd: n * 1000 + 999,
    timeZone: 'Europe/Berlin',
    countryCode: 'DE',
    countryCallingCode: '49',
    areaCode: '30',
    outsideAccessCode: '0',
    costCentre: `CC-${n}`,
    emergencyCallerId: '+4930123456',
    ...overrides,
  };
}

export function auth(token: string) {
  return { Authorization: `Bearer ${token}` };
}
