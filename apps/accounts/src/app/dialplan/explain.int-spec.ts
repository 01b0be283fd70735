import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startRoutingProcess, startSipServerProcess, type RoutingProcess, type SipServerProcess } from '@branchline/testing';
import { assignSites, auth, createTenant, siteBody, startAccounts, type Harness, type TenantFixture } from '../../testing/accounts-harness';

/**
 * POST /api/v1/dialplan/explain against a real routing process answering
 * over Redis (attached to a real sip-server, reading this file's schema).
 */
describe('dial-plan explain (real routing over Redis)', () => {
  const bus = `t:explain-${randomBytes(3).toString('hex')}:`;
  let h: Harness;
  let sip: SipServerProcess;
  let routing: RoutingProcess;
  let t: TenantFixture;
  let admin: string;
  let siteA: string;
  let siteB: string;
  const ext: Record<'national' | 'internal' | 'callee' | 'capped' | 'otherSite' | 'foreign', string> = {
    national: '',
    internal: '',
    callee: '',
    capped: '',
    otherSite: '',
    foreign: '',
  };
  const gw: Record<'cheap' | 'dear' | 'local', string> = { cheap: '', dear: '', local: '' };
  let nationalRoute: string;

  const explain = (body: Record<string, unknown>, token = admin) => request(h.http).post('/api/v1/dialplan/explain').set(auth(token)).send(body);

  async function extension(token: string, siteId: string, number: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await request(h.http).post('/api/v1/extensions').set(auth(token)).send({ siteId, number, displayName: `Phone ${number}`, ...extra });
    if (res.status !== 201) throw new Error(`extension: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  beforeAll(async () => {
    h = await startAccounts('dialplan-explain', { BUS_CHANNEL_PREFIX: bus });
    sip = await startSipServerProcess();
    routing = await startRoutingProcess({ databaseUrl: h.db.url, sip, redisPrefix: `t:explain-loc-${randomBytes(3).toString('hex')}:`, busChannelPrefix: bus });

    t = await createTenant(h);
    admin = await t.token('ADMIN');
    const a = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody({ areaCode: '30', emergencyCallerId: '+4930555112' }));
    const b = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody({ areaCode: '40' }));
    siteA = a.body.id;
    siteB = b.body.id;
    await assignSites(h, t, 'SITE_ADMIN', [siteA]);
    const start = a.body.extensionRangeStart as number;
    ext.national = await extension(admin, siteA, String(start), { classOfService: 'NATIONAL', externalCallerId: '+4930555000' });
    ext.internal = await extension(admin, siteA, String(start + 1), { classOfService: 'INTERNAL' });
    ext.callee = await extension(admin, siteA, String(start + 2));
    ext.capped = await extension(admin, siteA, String(start + 3), { dailySpendLimit: '0.00' });
    ext.otherSite = await extension(admin, siteB, String(b.body.extensionRangeStart));

    const other = await createTenant(h);
    const otherAdmin = await other.token('ADMIN');
    const os = await request(h.http).post('/api/v1/sites').set(auth(otherAdmin)).send(siteBody());
    ext.foreign = await extension(otherAdmin, os.body.id, String(os.body.extensionRangeStart));

    // Trunks straight into the schema: gateways with their decks, a national route listing the dear one first, an emergency route.
    const tenantId = t.tenantId;
    const mk = async (name: string, port: number, siteId: string | null, rates: Array<[string, string, string]>) => {
      const g = await h.prisma.gateway.create({ data: { tenantId, name, host: '127.0.0.1', port, siteId } });
      const deck = await h.prisma.rateDeck.create({ data: { tenantId, gatewayId: g.id, name: `${name} deck`, currency: 'EUR' } });
      for (const [prefix, description, pricePerMinute] of rates) {
        await h.prisma.rate.create({ data: { tenantId, rateDeckId: deck.id, prefix, description, pricePerMinute, connectFee: '0.0100', validFrom: new Date('2026-01-01') } });
      }
      return g.id;
    };
    gw.dear = await mk('dear-carrier', 5091, null, [['49', 'Germany', '0.0250']]);
    gw.cheap = await mk('cheap-carrier', 5092, null, [
      ['49', 'Germany', '0.0300'],
      ['4930', 'Germany Berlin', '0.0190'],
      // 112 starts with the USA/Canada prefix: an emergency call must not be priced by it
      ['1', 'USA/Canada', '0.0150'],
    ]);
    gw.local = await mk('site-a-local', 5093, siteA, []);
    nationalRoute = (
      await h.prisma.outboundRoute.create({
        data: {
          tenantId,
          name: 'national',
          pattern: '+49.',
          priority: 100,
          requiredClassOfService: 'NATIONAL',
          gateways: { create: [{ gatewayId: gw.dear, position: 0 }, { gatewayId: gw.cheap, position: 1 }] },
        },
      })
    ).id;
    await h.prisma.outboundRoute.create({
      data: { tenantId, name: 'international', pattern: '+.', priority: 200, requiredClassOfService: 'INTERNATIONAL', gateways: { create: [{ gatewayId: gw.cheap, position: 0 }] } },
    });
    await h.prisma.outboundRoute.create({
      data: {
        tenantId,
        name: 'emergency',
        pattern: '11[02]',
        priority: 1,
        requiredClassOfService: 'INTERNAL',
        isEmergency: true,
        gateways: { create: [{ gatewayId: gw.cheap, position: 0 }, { gatewayId: gw.local, position: 1 }] },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await routing?.stop();
    await sip?.stop();
    await h?.close();
  }, 60_000);

  it('explains an extension call as internal and allowed', async () => {
    const number = String((await h.prisma.extension.findUniqueOrThrow({ where: { id: ext.callee } })).number);
    const res = await explain({ extensionId: ext.national, dialed: number });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dialed: number, kind: 'internal', normalised: number, category: 'internal', classOfService: 'NATIONAL', allowed: true, gateways: [], callerId: null, billing: { free: true, note: 'internal calls are free' } });
  });

  it('lists a national call’s gateways cheapest first, with the rate and billing increments each would charge', async () => {
    const res = await explain({ extensionId: ext.national, dialed: '00301234567' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dialed: '00301234567',
      kind: 'external',
      normalised: '+49301234567',
      category: 'local',
      classOfService: 'NATIONAL',
      allowed: true,
      route: { id: nationalRoute, name: 'national', pattern: '+49.' },
      gateways: [
        {
          id: gw.cheap,
          name: 'cheap-carrier',
          position: 1,
          rate: { prefix: '4930', description: 'Germany Berlin', connectFee: '0.01000', pricePerMinute: '0.01900', currency: 'EUR', initialIncrement: 60, subsequentIncrement: 60 },
          order: 1,
        },
        {
          id: gw.dear,
          name: 'dear-carrier',
          position: 0,
          rate: { prefix: '49', description: 'Germany', connectFee: '0.01000', pricePerMinute: '0.02500', currency: 'EUR', initialIncrement: 60, subsequentIncrement: 60 },
          order: 2,
        },
      ],
      callerId: '+4930555000',
      billing: { free: false, note: 'priced by the rate of the gateway that carries it' },
    });
  });

  it('refuses an international call for a national-only extension, with the reason', async () => {
    const res = await explain({ extensionId: ext.national, dialed: '000441234567890' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'external',
      normalised: '+441234567890',
      category: 'international',
      allowed: false,
      status: 403,
      reason: 'Class of service NATIONAL does not permit international calls',
      gateways: [],
    });
  });

  it('refuses an outside call once the extension’s daily spend limit is reached, still naming route and gateways', async () => {
    const res = await explain({ extensionId: ext.capped, dialed: '00301234567' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'external', allowed: false, status: 403, reason: 'Daily spend limit reached', route: { name: 'national' } });
    expect(res.body.gateways.map((g: { id: string }) => g.id)).toEqual([gw.cheap, gw.dear]);
  });

  it('allows an emergency call from an internal-only extension, free, through its site’s gateways with the emergency caller ID', async () => {
    const res = await explain({ extensionId: ext.internal, dialed: '112' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'emergency',
      normalised: '112',
      category: 'emergency',
      classOfService: 'INTERNAL',
      allowed: true,
      callerId: '+4930555112',
      billing: { free: true, note: 'emergency calls are free and never rated' },
    });
    expect(res.body.route).toMatchObject({ name: 'emergency', pattern: '11[02]' });
    // The site's own gateway first; then the one serving every site, whose deck's "1" line does not price 112.
    expect(res.body.gateways.map((g: { id: string; order: number; rate: unknown }) => [g.id, g.order, g.rate === null])).toEqual([
      [gw.local, 1, true],
      [gw.cheap, 2, true],
    ]);
  });

  it('explains an invalid number with the reason', async () => {
    const res = await explain({ extensionId: ext.national, dialed: '99*#' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'invalid', normalised: null, allowed: false, status: 404, reason: '99*# is no extension, and outside numbers start with 0' });
  });

  it('answers 422 naming the field for a bad body', async () => {
    const res = await explain({ extensionId: 'not-a-uuid' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body['invalid-params']).toEqual(
      expect.arrayContaining([
        { name: 'extensionId', reason: 'must be a UUID' },
        { name: 'dialed', reason: 'is required' },
      ]),
    );
  });

  it('answers 404 for an extension of another tenant', async () => {
    const res = await explain({ extensionId: ext.foreign, dialed: '00301234567' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lets a SITE_ADMIN explain its own sites’ extensions only, and a VIEWER any; FINANCE may not', async () => {
    const siteAdmin = await t.token('SITE_ADMIN');
    expect((await explain({ extensionId: ext.national, dialed: '112' }, siteAdmin)).status).toBe(200);
    expect((await explain({ extensionId: ext.otherSite, dialed: '112' }, siteAdmin)).status).toBe(404);
    expect((await explain({ extensionId: ext.otherSite, dialed: '112' }, await t.token('VIEWER'))).status).toBe(200);
    expect((await explain({ extensionId: ext.national, dialed: '112' }, await t.token('FINANCE'))).status).toBe(403);
  });
});

describe('dial-plan explain without a routing service', () => {
  let h: Harness;
  let admin: string;
  let extensionId: string;

  beforeAll(async () => {
    h = await startAccounts('dialplan-explain-down', { BUS_CHANNEL_PREFIX: `t:explain-down-${randomBytes(3).toString('hex')}:` });
    const t = await createTenant(h);
    admin = await t.token('ADMIN');
    const site = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody());
    const ext = await request(h.http)
      .post('/api/v1/extensions')
      .set(auth(admin))
      .send({ siteId: site.body.id, number: String(site.body.extensionRangeStart), displayName: 'Lena Wolf' });
    extensionId = ext.body.id;
  });
  afterAll(() => h.close());

  it('answers 503 problem+json at once', async () => {
    const res = await request(h.http).post('/api/v1/dialplan/explain').set(auth(admin)).send({ extensionId, dialed: '00301234567' });
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable', detail: 'The routing service is unavailable: no routing service is listening' });
  });
});
