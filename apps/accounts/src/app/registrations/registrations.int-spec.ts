import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { LocationStore, type Binding } from '@branchline/location';
import {
  registerPhones,
  startRegistrarProcess,
  startSipServerProcess,
  testRedisUrl,
  type RegistrarProcess,
  type SipServerProcess,
} from '@branchline/testing';
import { assignSites, auth, createTenant, siteBody, startAccounts, type Harness, type TenantFixture } from '../../testing/accounts-harness';

const PASSWORD = 'Phone-Secret-2026!';

interface Ext {
  id: string;
  number: string;
  siteId: string;
}

/**
 * GET /api/v1/registrations and the extensions' online state, against a real
 * registrar process answering over Redis and phones registering with sipp
 * through a real sip-server. Further bindings are written through the
 * registrar's LocationStore (its Redis prefix), as the registrar writes them.
 */
describe('registrations (real registrar over Redis)', () => {
  const bus = `t:regs-${randomBytes(3).toString('hex')}:`;
  let h: Harness;
  let sip: SipServerProcess;
  let registrar: RegistrarProcess;
  let redis: Redis;
  let location: LocationStore;
  let t: TenantFixture;
  let other: TenantFixture;
  let admin: string;
  let sites: Array<{ id: string; code: string }>;
  let a1: Ext, a2: Ext, a3: Ext, b1: Ext, otherExt: Ext;
  let otherSiteId: string;
  let phonePort: number;

  const get = (path: string, token = admin) => request(h.http).get(`/api/v1${path}`).set(auth(token));
  const seeded = (contact: string, over: Partial<Binding> = {}): Binding => ({
    contact,
    source: { address: '127.0.0.1', port: 5099, transport: 'tcp' },
    expiresAt: Date.now() + 600_000,
    registeredAt: Date.now(),
    callId: `seed-${contact}`,
    cseq: 1,
    userAgent: 'Yealink SIP-T54W',
    registrar: registrar.registrarId,
    ...over,
  });

  async function createExtensions(token: string, count: number[]): Promise<{ sites: Array<{ id: string; code: string }>; exts: Ext[][] }> {
    const made: Array<{ id: string; code: string }> = [];
    const exts: Ext[][] = [];
    for (const n of count) {
      const site = await request(h.http).post('/api/v1/sites').set(auth(token)).send(siteBody());
      if (site.status !== 201) throw new Error(`site: ${site.status} ${JSON.stringify(site.body)}`);
      made.push({ id: site.body.id, code: site.body.code });
      const list: Ext[] = [];
      for (let i = 0; i < n; i++) {
        const number = String(site.body.extensionRangeStart + i);
        const ext = await request(h.http)
          .post('/api/v1/extensions')
          .set(auth(token))
          .send({ siteId: site.body.id, number, displayName: `Phone ${number}`, sipPassword: PASSWORD });
        if (ext.status !== 201) throw new Error(`extension: ${ext.status} ${JSON.stringify(ext.body)}`);
        list.push({ id: ext.body.id, number, siteId: site.body.id });
      }
      exts.push(list);
    }
    return { sites: made, exts };
  }

  beforeAll(async () => {
    h = await startAccounts('registrations', { BUS_CHANNEL_PREFIX: bus });
    sip = await startSipServerProcess();
    registrar = await startRegistrarProcess({ databaseUrl: h.db.url, sip, busChannelPrefix: bus, env: { DIGEST_ALGORITHM: 'MD5' } });
    redis = new Redis(testRedisUrl());
    location = new LocationStore(redis, { prefix: registrar.redisPrefix });

    t = await createTenant(h);
    admin = await t.token('ADMIN');
    const mine = await createExtensions(admin, [3, 1]);
    sites = mine.sites;
    [[a1, a2, a3], [b1]] = mine.exts;
    await assignSites(h, t, 'SITE_ADMIN', [sites[0].id]);

    other = await createTenant(h);
    const theirs = await createExtensions(await other.token('ADMIN'), [1]);
    otherSiteId = theirs.sites[0].id;
    [[otherExt]] = theirs.exts;

    // a1: a real phone (sipp); a2: two phones (desk and softphone); a3: none; b1: one.
    const [phone] = await registerPhones(sip, [{ user: a1.number, domain: t.sipDomain, password: PASSWORD, expires: 300 }]);
    if (phone.code !== 0) throw new Error(`sipp failed: ${phone.stderr}\n${registrar.output()}`);
    phonePort = phone.port;
    await location.apply(t.tenantId, a2.number, [
      { op: 'upsert', binding: seeded(`sip:${a2.number}@10.1.0.2:5060`, { registeredAt: Date.now() - 60_000 }) },
      { op: 'upsert', binding: seeded(`sip:${a2.number}@10.1.0.3:5060`, { userAgent: undefined }) },
    ]);
    await location.apply(t.tenantId, b1.number, [{ op: 'upsert', binding: seeded(`sip:${b1.number}@10.2.0.2:5060`) }]);
    await location.apply(other.tenantId, otherExt.number, [{ op: 'upsert', binding: seeded(`sip:${otherExt.number}@10.9.0.2:5060`) }]);
  }, 180_000);

  afterAll(async () => {
    await registrar?.stop();
    await sip?.stop();
    if (redis) {
      const keys = await redis.keys(`${registrar.redisPrefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
    await h?.close();
  }, 60_000);

  it('lists a phone registered with sipp with its contact, source address, user agent and expiry', async () => {
    const res = await get(`/registrations?extensionId=${a1.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 1, truncated: false });
    const [r] = res.body.data;
    expect(r).toEqual({
      extensionId: a1.id,
      number: a1.number,
      displayName: `Phone ${a1.number}`,
      siteId: sites[0].id,
      siteCode: sites[0].code,
      user: a1.number,
      contact: expect.stringMatching(new RegExp(`^sip:${a1.number}@127\\.0\\.0\\.1:${phonePort};transport=udp$`, 'i')),
      source: { address: '127.0.0.1', port: phonePort, transport: 'udp' },
      userAgent: 'sipp-phone',
      expiresAt: expect.any(String),
      expiresInSeconds: expect.any(Number),
      registeredAt: expect.any(String),
      registrar: registrar.registrarId,
    });
    expect(r.expiresInSeconds).toBeGreaterThan(240);
    expect(r.expiresInSeconds).toBeLessThanOrEqual(300);
    expect(Date.parse(r.expiresAt) - Date.now()).toBeGreaterThan(240_000);
    expect(Date.parse(r.registeredAt)).toBeLessThanOrEqual(Date.now());
  });

  it('lists every registration of the tenant sorted by number, and pages them', async () => {
    const all = await get('/registrations');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect(all.body.data.map((r: { number: string; contact: string }) => `${r.number} ${r.contact.replace(/;.*/, '')}`)).toEqual([
      expect.stringMatching(new RegExp(`^${a1.number} sip:${a1.number}@127\\.0\\.0\\.1:`)),
      `${a2.number} sip:${a2.number}@10.1.0.3:5060`,
      `${a2.number} sip:${a2.number}@10.1.0.2:5060`,
      `${b1.number} sip:${b1.number}@10.2.0.2:5060`,
    ]);
    const page2 = await get('/registrations?page=2&pageSize=2');
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: 4 });
    expect(page2.body.data.map((r: { contact: string }) => r.contact)).toEqual([`sip:${a2.number}@10.1.0.2:5060`, `sip:${b1.number}@10.2.0.2:5060`]);
    const softphone = all.body.data.find((r: { contact: string }) => r.contact.includes('10.1.0.3'));
    expect(softphone.userAgent).toBeNull();
  });

  it('filters by site', async () => {
    const res = await get(`/registrations?siteId=${sites[1].id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({ extensionId: b1.id, siteId: sites[1].id, siteCode: sites[1].code, contact: `sip:${b1.number}@10.2.0.2:5060` }),
    ]);
    expect(res.body.data[0].source).toEqual({ address: '127.0.0.1', port: 5099, transport: 'tcp' });
  });

  it('filters by extension, with every binding of that extension', async () => {
    const res = await get(`/registrations?extensionId=${a2.id}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.data.every((r: { extensionId: string }) => r.extensionId === a2.id)).toBe(true);
    const none = await get(`/registrations?extensionId=${a3.id}`);
    expect(none.body).toMatchObject({ data: [], total: 0 });
  });

  it('shows a SITE_ADMIN only the phones of its sites', async () => {
    const token = await t.token('SITE_ADMIN');
    const res = await get('/registrations', token);
    expect(res.status).toBe(200);
    expect(new Set(res.body.data.map((r: { siteId: string }) => r.siteId))).toEqual(new Set([sites[0].id]));
    expect(res.body.total).toBe(3);
    expect((await get(`/registrations?siteId=${sites[1].id}`, token)).status).toBe(404);
    expect((await get(`/registrations?extensionId=${b1.id}`, token)).status).toBe(404);
  });

  it('never shows another tenant\'s phones, and answers 404 for its extension or site', async () => {
    const all = await get('/registrations');
    expect(all.body.data.map((r: { extensionId: string }) => r.extensionId)).not.toContain(otherExt.id);
    const theirs = await get('/registrations', await other.token('ADMIN'));
    expect(theirs.body.data.map((r: { extensionId: string }) => r.extensionId)).toEqual([otherExt.id]);

    for (const query of [`extensionId=${otherExt.id}`, `siteId=${otherSiteId}`]) {
      const res = await get(`/registrations?${query}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers problem+json naming each malformed filter', async () => {
    const res = await get('/registrations?siteId=berlin&extensionId=42');
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body['invalid-params']).toEqual(
      expect.arrayContaining([
        { name: 'siteId', reason: 'must be a UUID' },
        { name: 'extensionId', reason: 'must be a UUID' },
      ]),
    );
  });

  it('lets a VIEWER read registrations and refuses FINANCE', async () => {
    expect((await get('/registrations', await t.token('VIEWER'))).status).toBe(200);
    const finance = await get('/registrations', await t.token('FINANCE'));
    expect(finance.status).toBe(403);
    expect(finance.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('shows in the extensions list which phones are online and with how many registrations', async () => {
    const res = await get(`/extensions?siteId=${sites[0].id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: { number: string; online: boolean; registrations: number }) => [e.number, e.online, e.registrations])).toEqual([
      [a1.number, true, 1],
      [a2.number, true, 2],
      [a3.number, false, 0],
    ]);
    expect((await get(`/extensions/${a3.id}`)).body).toMatchObject({ id: a3.id, online: false, registrations: 0 });
    expect((await get(`/extensions/${b1.id}`)).body).toMatchObject({ id: b1.id, online: true, registrations: 1 });
  });
});
