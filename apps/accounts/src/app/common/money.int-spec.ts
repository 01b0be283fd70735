import request from 'supertest';
import {
  auth,
  createTenant,
  siteBody,
  startAccounts,
  type Harness,
  type TenantFixture,
} from '../../testing/accounts-harness';

describe('money in responses', () => {
  let h: Harness;
  let t: TenantFixture;
  let admin: string;
  let site: request.Response;

  beforeAll(async () => {
    h = await startAccounts('money');
    t = await createTenant(h);
    admin = await t.token('ADMIN');
    site = await request(h.http)
      .post('/api/v1/sites')
      .set(auth(admin))
      .send(siteBody({ dailySpendLimit: '50' }));
  });
  afterAll(() => h.close());

  it("renders a site's spend limit at five decimals when created, read and listed", async () => {
    expect(site.body.dailySpendLimit).toBe('50.00000');
    expect(
      (await request(h.http).get(`/api/v1/sites/${site.body.id}`).set(auth(admin))).body.dailySpendLimit,
    ).toBe('50.00000');
    expect((await request(h.http).get('/api/v1/sites').set(auth(admin))).body.data[0].dailySpendLimit).toBe(
      '50.00000',
    );
  });

  it("renders an extension's spend limit at five decimals when changed", async () => {
    const ext = await request(h.http)
      .post('/api/v1/extensions')
      .set(auth(admin))
      .send({
        siteId: site.body.id,
        number: String(site.body.extensionRangeStart),
        displayName: 'Anna',
        dailySpendLimit: 0.6,
      });
    expect(ext.body.dailySpendLimit).toBe('0.60000');
    const patched = await request(h.http)
      .patch(`/api/v1/extensions/${ext.body.id}`)
      .set(auth(admin))
      .send({ dailySpendLimit: '0' });
    expect(patched.body.dailySpendLimit).toBe('0.00000');
  });

  it('renders rates at five decimals', async () => {
    const gw = await request(h.http)
      .post('/api/v1/gateways')
      .set(auth(admin))
      .send({ name: 'carrier', host: '127.0.0.1' });
    const deck = await request(h.http)
      .post('/api/v1/rate-decks')
      .set(auth(admin))
      .send({ name: 'carrier-2026', gatewayId: gw.body.id });
    const rate = await request(h.http)
      .post(`/api/v1/rate-decks/${deck.body.id}/rates`)
      .set(auth(admin))
      .send({ prefix: '49', description: 'Germany', pricePerMinute: '0.0225' });
    expect([rate.body.connectFee, rate.body.pricePerMinute]).toEqual(['0.00000', '0.02250']);
    const listed = await request(h.http).get(`/api/v1/rate-decks/${deck.body.id}/rates`).set(auth(admin));
    expect([listed.body.data[0].connectFee, listed.body.data[0].pricePerMinute]).toEqual([
      '0.00000',
      '0.02250',
    ]);
  });

  it('renders CDR cost and prices at five decimals', async () => {
    const cdr = await h.prisma.cdr.create({
      data: {
        tenantId: t.tenantId,
        siteId: site.body.id,
        callId: 'money-1',
        direction: 'OUTBOUND',
        disposition: 'ANSWERED',
        callerNumber: '1001',
        dialedNumber: '004930123',
        startedAt: new Date(),
        endedAt: new Date(),
        connectFee: '0',
        pricePerMinute: '0.045',
        cost: '0.6',
      },
    });
    const finance = await t.token('FINANCE');
    const one = await request(h.http).get(`/api/v1/cdrs/${cdr.id}`).set(auth(finance));
    expect([one.body.connectFee, one.body.pricePerMinute, one.body.cost]).toEqual([
      '0.00000',
      '0.04500',
      '0.60000',
    ]);
    const page = await request(h.http).get('/api/v1/cdrs').set(auth(finance));
    expect(page.body.data[0].cost).toBe('0.60000');
  });
});
