import request from 'supertest';
import { Events } from '@branchline/contracts';
import { captureRedisEvents, waitFor } from '@branchline/testing';
import { auth, createTenant, siteBody, startAccounts, type Harness, type TenantFixture } from '../testing/accounts-harness';

/** The path the README promises a newcomer, end to end against real Postgres and Redis. */
describe('newcomer tour', () => {
  let h: Harness;
  let t: TenantFixture;
  let admin: string;

  beforeAll(async () => {
    h = await startAccounts('tour');
    t = await createTenant(h);
    admin = await t.token('ADMIN');
  });
  afterAll(() => h.close());

  it('logs in, creates a site and an extension, and the audit log shows who did it', async () => {
    const events = await captureRedisEvents([Events.SiteCreated, Events.ExtensionCreated]);
    try {
      const site = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody({ code: 'BER', name: 'Berlin' }));
      expect(site.status).toBe(201);

      const ext = await request(h.http)
        .post('/api/v1/extensions')
        .set(auth(admin))
        .send({ siteId: site.body.id, number: String(site.body.extensionRangeStart + 1), displayName: 'Anna Schmidt' });
      expect(ext.status).toBe(201);
      expect(ext.body.sipPassword).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(ext.body).not.toHaveProperty('ha1Md5');
      expect(ext.body).not.toHaveProperty('sipPasswordEnc');

      const fetched = await request(h.http).get(`/api/v1/extensions/${ext.body.id}`).set(auth(admin));
      expect(fetched.status).toBe(200);
      expect(fetched.body).not.toHaveProperty('sipPassword');

      const audit = await request(h.http)
        .get('/api/v1/audit-log')
        .query({ entityType: 'extension', entityId: ext.body.id })
        .set(auth(admin));
      expect(audit.status).toBe(200);
      expect(audit.body.total).toBe(1);
      expect(audit.body.data[0]).toMatchObject({
        action: 'extension.created',
        actorType: 'USER',
        actorLabel: t.emails.ADMIN,
        before: null,
        after: expect.objectContaining({ number: ext.body.number, displayName: 'Anna Schmidt' }),
      });
      expect(JSON.stringify(audit.body)).not.toContain(ext.body.sipPassword);

      const mine = (e: { data: unknown }) => (e.data as { tenantId: string }).tenantId === t.tenantId;
      await waitFor(() => (events.events.filter(mine).length >= 2 ? true : undefined), { what: 'two events on Redis' });
      expect(events.events.filter(mine).map((e) => e.pattern)).toEqual([Events.SiteCreated, Events.ExtensionCreated]);
      const extEvent = events.events.find((e) => e.pattern === Events.ExtensionCreated && mine(e));
      expect(extEvent?.data).toMatchObject({ entityId: ext.body.id, data: { sipUsername: ext.body.number, enabled: true } });
    } finally {
      await events.close();
    }
  });

  it('imports 1,000 extensions from CSV in one go', async () => {
    const site = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody({ extensionRangeStart: 20000, extensionRangeEnd: 21999 }));
    expect(site.status).toBe(201);
    const lines = ['number,displayName,classOfService'];
    for (let i = 0; i < 1000; i++) lines.push(`${20000 + i},Person ${i},${i % 2 ? 'INTERNAL' : 'NATIONAL'}`);
    const res = await request(h.http)
      .post(`/api/v1/sites/${site.body.id}/extensions/import`)
      .set(auth(admin))
      .set('Content-Type', 'text/csv')
      .send(lines.join('\n'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, rows: 1000, imported: 1000, valid: true, errors: [] });
    expect(res.body.credentials).toHaveLength(1000);

    const list = await request(h.http).get('/api/v1/extensions').query({ siteId: site.body.id, pageSize: 1 }).set(auth(admin));
    expect(list.body.total).toBe(1000);
  });

  it('refuses a finance user who tries to create an extension', async () => {
    const site = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody());
    const finance = await t.token('FINANCE');
    const res = await request(h.http)
      .post('/api/v1/extensions')
      .set(auth(finance))
      .send({ siteId: site.body.id, number: String(site.body.extensionRangeStart), displayName: 'Nope' });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await h.prisma.extension.count({ where: { siteId: site.body.id } })).toBe(0);
  });
});
