import { computeHa1 } from '@branchline/digest';
import { SecretBox } from '@branchline/secrets';
import { createTestDatabase, type TestDatabase } from '@branchline/testing';
import { createPrismaClient } from './prisma.service';
import { DEMO, seedDemo } from './demo-seed';
import type { PrismaClient } from '../generated/prisma/client';

describe('demo seed', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const key = 'seed-test-secrets-key-0123456789abcdef';

  beforeAll(async () => {
    db = await createTestDatabase('seed');
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('creates Acme with three sites of ten phones, gateways, decks, routes, DIDs, a room and two users', async () => {
    const r = await seedDemo(prisma, key);
    expect(r).toMatchObject({ sites: 3, extensions: 30 });
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: r.tenantId } });
    expect(tenant).toMatchObject({ name: 'Acme GmbH', sipDomain: 'acme.example' });
    expect((await prisma.site.findMany({ orderBy: { code: 'asc' } })).map((s) => s.name)).toEqual(['Berlin', 'Hamburg', 'München']);
    const decks = await prisma.rateDeck.findMany({ include: { rates: true } });
    expect(new Set(decks.map((d) => d.gatewayId)).size).toBe(2);
    const price = (deck: number) => decks[deck].rates.find((x) => x.prefix === '49')?.pricePerMinute.toString();
    expect(price(0)).not.toBe(price(1));
    const routes = await prisma.outboundRoute.findMany({ include: { gateways: true } });
    expect(routes.map((x) => x.name).sort()).toEqual(['emergency', 'international', 'national']);
    expect(routes.find((x) => x.isEmergency)?.gateways).toHaveLength(2);
    expect(await prisma.did.count({ where: { extensionId: { not: null } } })).toBe(3);
    expect(await prisma.conferenceRoom.count()).toBe(1);
    expect((await prisma.user.findMany()).map((u) => u.role).sort()).toEqual(['ADMIN', 'FINANCE']);
  });

  it('gives Berlin a budget for the month it runs in (Berlin time), without a hard limit', async () => {
    const berlin = await prisma.site.findFirstOrThrow({ where: { code: 'BER' } });
    const budgets = await prisma.budget.findMany();
    expect(budgets).toHaveLength(1);
    expect(budgets[0]).toMatchObject({ siteId: berlin.id, costCentre: null, currency: 'EUR', thresholds: [80, 100], hardLimit: false });
    expect(budgets[0].amount.toFixed(2)).toBe('250.00');
    const berlinMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).format(new Date());
    expect(budgets[0].month.toISOString().slice(0, 7)).toBe(berlinMonth.slice(0, 7));
  });

  it('dates the budget by Berlin’s month: 23:30 UTC on 30 November is already December there', async () => {
    const other = await createTestDatabase('seed-month');
    const p = createPrismaClient(other.url);
    try {
      await seedDemo(p, key, new Date('2026-11-30T23:30:00Z'));
      expect((await p.budget.findFirstOrThrow()).month.toISOString().slice(0, 10)).toBe('2026-12-01');
    } finally {
      await p.$disconnect();
      await other.drop();
    }
  });

  it('gives phones credentials the registrar can verify', async () => {
    const ext = await prisma.extension.findFirstOrThrow({ where: { number: '2003' } });
    expect(ext.ha1Md5).toBe(computeHa1('MD5', '2003', 'acme.example', DEMO.sipPassword));
    expect(ext.ha1Sha256).toBe(computeHa1('SHA-256', '2003', 'acme.example', DEMO.sipPassword));
    expect(new SecretBox(key).decrypt(ext.sipPasswordEnc)).toBe(DEMO.sipPassword);
  });

  it('is idempotent: a second run adds and changes nothing', async () => {
    const before = await prisma.extension.findMany({ orderBy: { number: 'asc' } });
    const counts = async () =>
      Promise.all([prisma.site.count(), prisma.extension.count(), prisma.gateway.count(), prisma.rate.count(), prisma.outboundRoute.count(), prisma.did.count(), prisma.user.count(), prisma.budget.count()]);
    const first = await counts();
    await seedDemo(prisma, key);
    expect(await counts()).toEqual(first);
    expect(await prisma.extension.findMany({ orderBy: { number: 'asc' } })).toEqual(before);
  });
});
