import request from 'supertest';
import { auth, createTenant, siteBody, startAccounts, type Harness, type TenantFixture } from '../testing/accounts-harness';

/**
 * No user or key of tenant A can see or change anything of tenant B, for
 * every resource: reads, lists, updates and deletes of B's ids answer 404
 * (B's ids are not even confirmed to exist), and A cannot point its own
 * resources at B's.
 */
describe('tenant isolation', () => {
  let h: Harness;
  let a: TenantFixture;
  let b: TenantFixture;
  let aToken: string;
  let aKey: string;
  const bIds: Record<string, string> = {};

  beforeAll(async () => {
    h = await startAccounts('isolation');
    a = await createTenant(h);
    b = await createTenant(h);
    aToken = await a.token('ADMIN');
    const bToken = await b.token('ADMIN');
    const post = async (path: string, body: object) => {
      const res = await request(h.http).post(`/api/v1${path}`).set(auth(bToken)).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    bIds['sites'] = await post('/sites', siteBody());
    const site = await request(h.http).get(`/api/v1/sites/${bIds['sites']}`).set(auth(bToken));
    bIds['extensions'] = await post('/extensions', { siteId: bIds['sites'], number: String(site.body.extensionRangeStart), displayName: 'B phone' });
    bIds['users'] = await post('/users', { email: `extra@${b.sipDomain}`, name: 'B extra', password: 'Long-enough-pass-1', role: 'VIEWER' });
    bIds['api-keys'] = await post('/api-keys', { name: 'b-automation', role: 'ADMIN' });
    bIds['gateways'] = await post('/gateways', { name: 'b-trunk', host: '127.0.0.1', port: 5070 });
    bIds['rate-decks'] = await post('/rate-decks', { name: 'B deck', gatewayId: bIds['gateways'] });
    bIds['rates'] = await post(`/rate-decks/${bIds['rate-decks']}/rates`, { prefix: '49', description: 'DE', pricePerMinute: '0.01' });
    bIds['routes'] = await post('/routes', { name: 'b-national', pattern: '+49.', requiredClassOfService: 'NATIONAL', gatewayIds: [bIds['gateways']] });
    bIds['conference-rooms'] = await post('/conference-rooms', { number: '9000', name: 'B room' });
    bIds['dids'] = await post('/dids', { number: '+493099999999', extensionId: bIds['extensions'] });
    const cdr = await h.prisma.cdr.create({
      data: {
        tenantId: b.tenantId,
        callId: 'b-call-1',
        direction: 'OUTBOUND',
        disposition: 'ANSWERED',
        callerNumber: site.body.extensionRangeStart.toString(),
        dialedNumber: '004930123',
        startedAt: new Date(),
        endedAt: new Date(),
        cost: '0.12345',
      },
    });
    bIds['cdrs'] = cdr.id;

    const key = await request(h.http).post('/api/v1/api-keys').set(auth(aToken)).send({ name: 'a-automation', role: 'ADMIN' });
    aKey = key.body.key;
  });
  afterAll(() => h.close());

  const resources = ['sites', 'extensions', 'users', 'api-keys', 'gateways', 'rate-decks', 'routes', 'dids', 'conference-rooms', 'cdrs'];
  const credentials = [
    ['a JWT', () => auth(aToken)],
    ['an API key', () => ({ 'X-API-Key': aKey })],
  ] as const;

  describe.each(credentials)('with %s of tenant A', (_label, creds) => {
    it.each(resources)('cannot read B\'s %s by id', async (resource) => {
      const res = await request(h.http).get(`/api/v1/${resource}/${bIds[resource]}`).set(creds());
      expect(res.status).toBe(404);
    });

    it.each(resources)('does not see B\'s %s in lists', async (resource) => {
      const res = await request(h.http).get(`/api/v1/${resource}`).query({ pageSize: 500 }).set(creds());
      expect(res.status).toBe(200);
      expect(res.body.data.map((r: { id: string }) => r.id)).not.toContain(bIds[resource]);
    });

    it.each(resources.filter((r) => r !== 'cdrs' && r !== 'api-keys'))('cannot update B\'s %s', async (resource) => {
      const res = await request(h.http).patch(`/api/v1/${resource}/${bIds[resource]}`).set(creds()).send({});
      expect(res.status).toBe(404);
    });

    it.each(resources.filter((r) => r !== 'cdrs'))('cannot delete B\'s %s', async (resource) => {
      const res = await request(h.http).delete(`/api/v1/${resource}/${bIds[resource]}`).set(creds());
      expect(res.status).toBe(404);
    });

    it('cannot read, add or change rates in B\'s rate deck', async () => {
      const deck = bIds['rate-decks'];
      expect((await request(h.http).get(`/api/v1/rate-decks/${deck}/rates`).set(creds())).status).toBe(404);
      expect((await request(h.http).get(`/api/v1/rate-decks/${deck}/rates/${bIds['rates']}`).set(creds())).status).toBe(404);
      const add = await request(h.http).post(`/api/v1/rate-decks/${deck}/rates`).set(creds()).send({ prefix: '1', description: 'x', pricePerMinute: '1' });
      expect(add.status).toBe(404);
      const change = await request(h.http).patch(`/api/v1/rate-decks/${deck}/rates/${bIds['rates']}`).set(creds()).send({ pricePerMinute: '0' });
      expect(change.status).toBe(404);
    });

    it('cannot import into or export B\'s site', async () => {
      const imp = await request(h.http)
        .post(`/api/v1/sites/${bIds['sites']}/extensions/import`)
        .set(creds())
        .set('Content-Type', 'text/csv')
        .send('number,displayName\n1,x');
      expect(imp.status).toBe(404);
      expect((await request(h.http).get(`/api/v1/sites/${bIds['sites']}/extensions/export`).set(creds())).status).toBe(404);
    });
  });

  it('refuses to point A\'s resources at B\'s', async () => {
    const aSite = await request(h.http).post('/api/v1/sites').set(auth(aToken)).send(siteBody());
    const ext = await request(h.http)
      .post('/api/v1/extensions')
      .set(auth(aToken))
      .send({ siteId: bIds['sites'], number: '1000', displayName: 'x' });
    expect(ext.status).toBe(422);
    expect(ext.body['invalid-params']).toEqual([{ name: 'siteId', reason: 'does not name a site of this tenant' }]);

    const route = await request(h.http)
      .post('/api/v1/routes')
      .set(auth(aToken))
      .send({ name: 'steal', pattern: '+.', requiredClassOfService: 'INTERNATIONAL', gatewayIds: [bIds['gateways']] });
    expect(route.status).toBe(422);
    expect(route.body['invalid-params'][0].name).toBe('gatewayIds.0');

    const did = await request(h.http).post('/api/v1/dids').set(auth(aToken)).send({ number: '+493011111111', extensionId: bIds['extensions'] });
    expect(did.status).toBe(422);

    const deck = await request(h.http).post('/api/v1/rate-decks').set(auth(aToken)).send({ name: 'x', gatewayId: bIds['gateways'] });
    expect(deck.status).toBe(422);

    const user = await request(h.http)
      .post('/api/v1/users')
      .set(auth(aToken))
      .send({ email: `sa@${a.sipDomain}`, name: 'SA', password: 'Long-enough-pass-1', role: 'SITE_ADMIN', siteIds: [bIds['sites']] });
    expect(user.status).toBe(422);
    expect(aSite.status).toBe(201);
  });

  it('keeps B\'s audit log out of A\'s', async () => {
    const res = await request(h.http).get('/api/v1/audit-log').query({ pageSize: 500 }).set(auth(aToken));
    expect(res.status).toBe(200);
    expect(res.body.data.every((e: { tenantId: string }) => e.tenantId === a.tenantId)).toBe(true);
    const bAudit = await h.prisma.auditLog.count({ where: { tenantId: b.tenantId } });
    expect(bAudit).toBeGreaterThan(5);
  });

  it('allows the same extension number in two tenants (two accounts, two realms)', async () => {
    const aSite = await request(h.http).post('/api/v1/sites').set(auth(aToken)).send(siteBody());
    const bExt = await h.prisma.extension.findUniqueOrThrow({ where: { id: bIds['extensions'] } });
    const bSite = await h.prisma.site.findUniqueOrThrow({ where: { id: bIds['sites'] } });
    await request(h.http).patch(`/api/v1/sites/${aSite.body.id}`).set(auth(aToken)).send({
      extensionRangeStart: bSite.extensionRangeStart,
      extensionRangeEnd: bSite.extensionRangeEnd,
    });
    const res = await request(h.http).post('/api/v1/extensions').set(auth(aToken)).send({ siteId: aSite.body.id, number: bExt.number, displayName: 'Same number' });
    expect(res.status).toBe(201);
    const aExt = await h.prisma.extension.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(aExt.ha1Md5).not.toBe(bExt.ha1Md5);
  });
});
