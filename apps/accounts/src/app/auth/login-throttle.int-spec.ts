import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import Redis from 'ioredis';
import { testRedisUrl, waitFor } from '@branchline/testing';
import { createAccountsApp } from '../create-app';
import { createTenant, startAccounts, TEST_PASSWORD, type Harness, type TenantFixture } from '../../testing/accounts-harness';

const MAX_PER_ACCOUNT = 3;
const MAX_PER_ADDRESS = 8;
const LOCKOUT_SECONDS = 2;

describe('login throttle', () => {
  let h: Harness;
  let redis: Redis;
  let addressCounter = 0;

  beforeAll(async () => {
    h = await startAccounts('login-throttle', {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(MAX_PER_ADDRESS),
      LOGIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
      LOGIN_WINDOW_SECONDS: '60',
    });
    redis = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    redis.disconnect();
    await h.close();
  });

  /**
   * Each test logs in from addresses of its own (documentation range, RFC 5737), so one test's
   * failures never count against another's. The app trusts X-Forwarded-For only from loopback,
   * which is where supertest connects from.
   */
  const newAddress = () => `203.0.113.${++addressCounter}`;

  const login = (email: string, password: string, from: string, http: App = h.http) =>
    request(http).post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email, password });

  const fail = async (email: string, from: string, times: number, http?: App) => {
    for (let i = 0; i < times; i++) expect((await login(email, 'wrong-password', from, http)).status).toBe(401);
  };

  const expectThrottled = (res: request.Response) => {
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, type: expect.stringContaining('/problems/too-many-requests') });
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(LOCKOUT_SECONDS);
  };

  let t: TenantFixture;
  beforeEach(async () => {
    t = await createTenant(h);
  });

  it('answers a wrong password beyond the limit with 429, Retry-After and problem+json', async () => {
    const from = newAddress();
    await fail(t.emails.ADMIN, from, MAX_PER_ACCOUNT);
    expectThrottled(await login(t.emails.ADMIN, 'wrong-password', from));
  });

  it('refuses the right password while the account is locked', async () => {
    const from = newAddress();
    await fail(t.emails.ADMIN, from, MAX_PER_ACCOUNT);
    expectThrottled(await login(t.emails.ADMIN, TEST_PASSWORD, from));
    expectThrottled(await login(t.emails.ADMIN, TEST_PASSWORD, newAddress()));
  });

  it('lets the right password in once the lock has run out', async () => {
    const from = newAddress();
    await fail(t.emails.ADMIN, from, MAX_PER_ACCOUNT);
    expectThrottled(await login(t.emails.ADMIN, TEST_PASSWORD, from));
    const ok = await waitFor(
      async () => {
        const res = await login(t.emails.ADMIN, TEST_PASSWORD, from);
        return res.status === 200 ? res : res.status === 429 ? undefined : Promise.reject(new Error(`status ${res.status}`));
      },
      { timeoutMs: LOCKOUT_SECONDS * 1000 + 10_000, intervalMs: 200, what: 'the lock to run out' },
    );
    expect(ok.body.accessToken).toEqual(expect.any(String));
  });

  it('does not lock another account because one account failed', async () => {
    const from = newAddress();
    await fail(t.emails.ADMIN, from, MAX_PER_ACCOUNT);
    expectThrottled(await login(t.emails.ADMIN, TEST_PASSWORD, from));
    expect((await login(t.emails.FINANCE, TEST_PASSWORD, from)).status).toBe(200);
  });

  it('forgets an account\'s failures when it logs in successfully', async () => {
    const from = newAddress();
    await fail(t.emails.ADMIN, from, MAX_PER_ACCOUNT - 1);
    expect((await login(t.emails.ADMIN, TEST_PASSWORD, from)).status).toBe(200);
    await fail(t.emails.ADMIN, from, MAX_PER_ACCOUNT);
    expectThrottled(await login(t.emails.ADMIN, TEST_PASSWORD, from));
  });

  it('records the lockout in the tenant\'s audit log', async () => {
    const from = newAddress();
    await fail(t.emails.ADMIN, from, MAX_PER_ACCOUNT);
    const user = await h.prisma.user.findUniqueOrThrow({ where: { email: t.emails.ADMIN } });
    const entries = await h.prisma.auditLog.findMany({ where: { tenantId: t.tenantId, action: 'user.locked-out' } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entityType: 'user', entityId: user.id, actorType: 'SYSTEM' });
    expect(entries[0].after).toMatchObject({ email: t.emails.ADMIN, address: from, failures: MAX_PER_ACCOUNT, lockedForSeconds: LOCKOUT_SECONDS });
  });

  it('throttles an unknown e-mail address exactly like a real account', async () => {
    const from = newAddress();
    const nobody = `nobody-${addressCounter}@nowhere.example`;
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i <= MAX_PER_ACCOUNT; i++) {
      real.push((await login(t.emails.VIEWER, 'wrong-password', from)).status);
      unknown.push((await login(nobody, 'wrong-password', from)).status);
    }
    expect(real).toEqual([...Array(MAX_PER_ACCOUNT).fill(401), 429]);
    expect(unknown).toEqual(real);
  });

  it('locks out a client address that fails on many e-mail addresses, for every account', async () => {
    const from = newAddress();
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      expect((await login(`guess-${i}-${addressCounter}@nowhere.example`, 'wrong-password', from)).status).toBe(401);
    }
    expectThrottled(await login(t.emails.ADMIN, TEST_PASSWORD, from));
    expect((await login(t.emails.ADMIN, TEST_PASSWORD, newAddress())).status).toBe(200);
  });

  it('lets no more parallel guesses through than the limit allows', async () => {
    const from = newAddress();
    const statuses = (await Promise.all(Array.from({ length: 12 }, () => login(t.emails.ADMIN, 'wrong-password', from)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - MAX_PER_ACCOUNT);
  });

  it('shares failures and locks between two replicas through Redis, every key with a TTL', async () => {
    const second: INestApplication = await createAccountsApp(h.config, { logger: false });
    await second.init();
    try {
      const other = second.getHttpServer() as App;
      const from = newAddress();
      for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
        expect((await login(t.emails.ADMIN, 'wrong-password', from, i % 2 ? other : h.http)).status).toBe(401);
      }
      expectThrottled(await login(t.emails.ADMIN, TEST_PASSWORD, from, other));
      expectThrottled(await login(t.emails.ADMIN, TEST_PASSWORD, from, h.http));
      const keys = await redis.keys(`${h.config.REDIS_PREFIX}*`);
      expect(keys.some((k) => k.includes(t.emails.ADMIN))).toBe(true);
      const ttls = await Promise.all(keys.map((k) => redis.pttl(k)));
      expect(ttls.filter((ms) => ms < 0)).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('login throttle while Redis cannot be reached', () => {
  let h: Harness;

  beforeAll(async () => {
    // Port 1 on loopback: nothing listens, so every Redis command fails fast.
    h = await startAccounts('login-throttle-down', {
      REDIS_URL: 'redis://127.0.0.1:1',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
      LOGIN_LOCKOUT_SECONDS: '60',
    });
  });
  afterAll(() => h.close());

  const login = (email: string, password: string) => request(h.http).post('/api/v1/auth/login').send({ email, password });

  it('still lets the right password in', async () => {
    const t = await createTenant(h);
    expect((await login(t.emails.ADMIN, TEST_PASSWORD)).status).toBe(200);
  });

  it('still locks an account out, counting in the replica itself', async () => {
    const t = await createTenant(h);
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) expect((await login(t.emails.ADMIN, 'wrong-password')).status).toBe(401);
    const locked = await login(t.emails.ADMIN, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
