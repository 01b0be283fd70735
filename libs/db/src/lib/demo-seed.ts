/**
 * Demo data for a first look: Acme GmbH with three branch offices, phones,
 * two PSTN gateways with their own rate decks, routes, DIDs and a conference
 * room, Berlin's budget for the month the seed runs in and six of Berlin's calls last month through
 * telco-b (demo-calls.ts: with telco-b's file for them, to reconcile). Idempotent: running it again changes nothing that already exists.
 * Run with `npm run db:seed` (prisma/seed.ts).
 */
import { computeHa1 } from '@branchline/digest';
import { SecretBox, hashPassword } from '@branchline/secrets';
import type { ClassOfService } from '../generated/prisma/enums';
import type { PrismaClient } from '../generated/prisma/client';
import { seedDemoCalls } from './demo-calls';

export const DEMO = {
  adminEmail: 'admin@acme.example',
  financeEmail: 'finance@acme.example',
  userPassword: process.env['DEMO_USER_PASSWORD'] ?? 'Branchline-Demo-2026',
  sipPassword: process.env['DEMO_SIP_PASSWORD'] ?? 'Demo-Phone-2026!',
};

const SITES = [
  { code: 'BER', name: 'Berlin', areaCode: '30', start: 1000, dialPrefix: '81', did: '+4930123456100', tz: 'Europe/Berlin' },
  { code: 'HAM', name: 'Hamburg', areaCode: '40', start: 2000, dialPrefix: '82', did: '+4940123456200', tz: 'Europe/Berlin' },
  { code: 'MUC', name: 'München', areaCode: '89', start: 3000, dialPrefix: '83', did: '+4989123456300', tz: 'Europe/Berlin' },
];

const PEOPLE = ['Anna Schmidt', 'Ben Müller', 'Clara Weber', 'David Fischer', 'Eva Wagner', 'Felix Becker', 'Greta Hoffmann', 'Hannes Schulz', 'Ida Koch', 'Jonas Richter'];

export async function seedDemo(
  prisma: PrismaClient,
  secretsKey: string,
  now = new Date(),
): Promise<{ tenantId: string; sites: number; extensions: number }> {
  const box = new SecretBox(secretsKey);
  const tenant = await prisma.tenant.upsert({
    where: { slug: 'acme' },
    update: {},
    create: { name: 'Acme GmbH', slug: 'acme', sipDomain: 'acme.example', currency: 'EUR', countryCode: 'DE' },
  });
  const realm = tenant.sipDomain;
  const tenantId = tenant.id;

  const sites: Array<{ id: string }> = [];
  for (const s of SITES) {
    const site = await prisma.site.upsert({
      where: { tenantId_code: { tenantId, code: s.code } },
      update: {},
      create: {
        tenantId,
        name: s.name,
        code: s.code,
        dialPrefix: s.dialPrefix,
        extensionRangeStart: s.start,
        extensionRangeEnd: s.start + 999,
        timeZone: s.tz,
        countryCode: 'DE',
        countryCallingCode: '49',
        areaCode: s.areaCode,
        outsideAccessCode: '0',
        costCentre: `CC-${s.code}`,
        emergencyCallerId: s.did,
      },
    });
    sites.push(site);
    for (let i = 0; i < 10; i++) {
      const number = String(s.start + i);
      const cos: ClassOfService = i === 0 ? 'INTERNATIONAL' : i === 9 ? 'INTERNAL' : 'NATIONAL';
      await prisma.extension.upsert({
        where: { tenantId_number: { tenantId, number } },
        update: {},
        create: {
          tenantId,
          siteId: site.id,
          number,
          displayName: PEOPLE[i],
          sipUsername: number,
          ha1Md5: computeHa1('MD5', number, realm, DEMO.sipPassword),
          ha1Sha256: computeHa1('SHA-256', number, realm, DEMO.sipPassword),
          sipPasswordEnc: box.encrypt(DEMO.sipPassword),
          classOfService: cos,
        },
      });
    }
  }

  const passwordHash = await hashPassword(DEMO.userPassword);
  for (const [email, name, role] of [
    [DEMO.adminEmail, 'Acme Admin', 'ADMIN'],
    [DEMO.financeEmail, 'Acme Finance', 'FINANCE'],
  ] as const) {
    await prisma.user.upsert({ where: { email }, update: {}, create: { tenantId, email, name, role, passwordHash } });
  }

  const gateways: Array<{ id: string }> = [];
  for (const g of [
    { name: 'telco-a', host: '127.0.0.1', port: 5080, deck: 'Telco A 2026', national: '0.0150', mobile: '0.0890', intl: '0.0450' },
    { name: 'telco-b', host: '127.0.0.1', port: 5090, deck: 'Telco B 2026', national: '0.0120', mobile: '0.0990', intl: '0.0390' },
  ]) {
    const gw = await prisma.gateway.upsert({
      where: { tenantId_name: { tenantId, name: g.name } },
      update: {},
      create: { tenantId, name: g.name, host: g.host, port: g.port, transport: 'UDP', maxChannels: 30 },
    });
    gateways.push(gw);
    const deck = await prisma.rateDeck.upsert({
      where: { tenantId_name: { tenantId, name: g.deck } },
      update: {},
      create: { tenantId, gatewayId: gw.id, name: g.deck, currency: 'EUR' },
    });
    const validFrom = new Date('2026-01-01T00:00:00Z');
    for (const r of [
      { prefix: '49', description: 'Germany fixed', price: g.national, inc: [60, 60] },
      { prefix: '4915', description: 'Germany mobile', price: g.mobile, inc: [60, 1] },
      { prefix: '4916', description: 'Germany mobile', price: g.mobile, inc: [60, 1] },
      { prefix: '4917', description: 'Germany mobile', price: g.mobile, inc: [60, 1] },
      { prefix: '43', description: 'Austria', price: g.intl, inc: [30, 6] },
      { prefix: '1', description: 'USA/Canada', price: g.intl, inc: [30, 6] },
      { prefix: '44', description: 'United Kingdom', price: g.intl, inc: [30, 6] },
    ]) {
      await prisma.rate.upsert({
        where: { rateDeckId_prefix_validFrom: { rateDeckId: deck.id, prefix: r.prefix, validFrom } },
        update: {},
        create: {
          tenantId,
          rateDeckId: deck.id,
          prefix: r.prefix,
          description: r.description,
          connectFee: '0',
          pricePerMinute: r.price,
          initialIncrement: r.inc[0],
          subsequentIncrement: r.inc[1],
          validFrom,
        },
      });
    }
  }

  for (const r of [
    { name: 'emergency', pattern: '11[02]', priority: 1, cos: 'INTERNAL', emergency: true, gws: [0, 1] },
    { name: 'national', pattern: '+49.', priority: 100, cos: 'NATIONAL', emergency: false, gws: [1, 0] },
    { name: 'international', pattern: '+.', priority: 200, cos: 'INTERNATIONAL', emergency: false, gws: [0, 1] },
  ] as const) {
    const exists = await prisma.outboundRoute.findUnique({ where: { tenantId_name: { tenantId, name: r.name } } });
    if (exists) continue;
    await prisma.outboundRoute.create({
      data: {
        tenantId,
        name: r.name,
        pattern: r.pattern,
        priority: r.priority,
        requiredClassOfService: r.cos,
        isEmergency: r.emergency,
        gateways: { create: r.gws.map((g, position) => ({ gatewayId: gateways[g].id, position })) },
      },
    });
  }

  const room = await prisma.conferenceRoom.upsert({
    where: { tenantId_number: { tenantId, number: '8000' } },
    update: {},
    create: { tenantId, number: '8000', name: 'All hands', pin: '1234', moderatorPin: '9876', maxParticipants: 50 },
  });

  for (const [i, s] of SITES.entries()) {
    const ext = await prisma.extension.findUniqueOrThrow({ where: { tenantId_number: { tenantId, number: String(s.start) } } });
    await prisma.did.upsert({
      where: { number: s.did },
      update: {},
      create: { tenantId, number: s.did, siteId: sites[i].id, extensionId: ext.id, description: `${s.name} reception` },
    });
  }
  const confDid = '+4930123456999';
  await prisma.did.upsert({
    where: { number: confDid },
    update: {},
    create: { tenantId, number: confDid, conferenceRoomId: room.id, description: 'All-hands dial-in' },
  });

  await seedBerlinBudget(prisma, tenantId, sites[0].id, now);
  await seedDemoCalls(prisma, tenantId, sites[0].id, now);

  const [siteCount, extensionCount] = await Promise.all([
    prisma.site.count({ where: { tenantId } }),
    prisma.extension.count({ where: { tenantId } }),
  ]);
  return { tenantId, sites: siteCount, extensions: extensionCount };
}

/** The month an instant is in, in a zone, as "2026-12". */
function monthIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}

/**
 * A budget for Berlin's running month, so the demo finance user sees budget
 * vs actual (GET /api/v1/budgets/status). No hard limit: demo calls must work.
 */
async function seedBerlinBudget(prisma: PrismaClient, tenantId: string, siteId: string, now: Date): Promise<void> {
  const month = new Date(`${monthIn(now, SITES[0].tz)}-01T00:00:00Z`);
  const exists = await prisma.budget.findFirst({ where: { tenantId, siteId, month } });
  if (exists) return;
  await prisma.budget.create({ data: { tenantId, siteId, month, amount: '250', currency: 'EUR', thresholds: [80, 100], hardLimit: false } });
}
