import request from 'supertest';
import { auth, assignSites, createTenant, siteBody, startAccounts, type Harness, type TenantFixture } from '../testing/accounts-harness';

describe('errors are problem+json with the field at fault', () => {
  let h: Harness;
  let t: TenantFixture;
  let admin: string;
  let siteId: string;
  let rangeStart: number;

  beforeAll(async () => {
    h = await startAccounts('errors', { BODY_LIMIT: '16kb' });
    t = await createTenant(h);
    admin = await t.token('ADMIN');
    const site = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody());
    siteId = site.body.id;
    rangeStart = site.body.extensionRangeStart;
  });
  afterAll(() => h.close());

  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, type: expect.stringContaining('/problems/'), title: expect.any(String) });
  };

  it('answers 401 without credentials and with a bad token or key', async () => {
    expectProblem(await request(h.http).get('/api/v1/sites'), 401);
    expectProblem(await request(h.http).get('/api/v1/sites').set(auth('not.a.jwt')), 401);
    expectProblem(await request(h.http).get('/api/v1/sites').set('X-API-Key', 'bl_nope'), 401);
  });

  it('answers 401 for a wrong password, the same as for an unknown e-mail', async () => {
    const wrong = await request(h.http).post('/api/v1/auth/login').send({ email: t.emails.ADMIN, password: 'wrong-password' });
    const unknown = await request(h.http).post('/api/v1/auth/login').send({ email: 'nobody@nowhere.example', password: 'wrong-password' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('cuts off a disabled user at once, even with a valid token', async () => {
    const viewer = await t.token('VIEWER');
    expect((await request(h.http).get('/api/v1/sites').set(auth(viewer))).status).toBe(200);
    await h.prisma.user.update({ where: { email: t.emails.VIEWER }, data: { enabled: false } });
    expectProblem(await request(h.http).get('/api/v1/sites').set(auth(viewer)), 401);
  });

  it('answers 422 naming each bad field', async () => {
    const res = await request(h.http)
      .post('/api/v1/extensions')
      .set(auth(admin))
      .send({ siteId: 'not-a-uuid', number: '12a', displayName: '', sipPassword: 'short' });
    expectProblem(res, 422);
    const names = res.body['invalid-params'].map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['displayName', 'number', 'sipPassword', 'siteId']);
  });

  it('keeps the toll-fraud limits of a site and an extension, and names a bad one', async () => {
    const site = await request(h.http)
      .post('/api/v1/sites')
      .set(auth(admin))
      .send(siteBody({ dailySpendLimit: '250.00', maxConcurrentCalls: 20, maxInternationalCallSeconds: 3600 }));
    expect(site.status).toBe(201);
    expect(site.body).toMatchObject({ dailySpendLimit: '250.00000', maxConcurrentCalls: 20, maxInternationalCallSeconds: 3600 });
    const ext = await request(h.http)
      .post('/api/v1/extensions')
      .set(auth(admin))
      .send({ siteId: site.body.id, number: String(site.body.extensionRangeStart), displayName: 'Limited', dailySpendLimit: '5.50' });
    expect(ext.status).toBe(201);
    expect(ext.body.dailySpendLimit).toBe('5.50000');
    const cleared = await request(h.http).patch(`/api/v1/extensions/${ext.body.id}`).set(auth(admin)).send({ dailySpendLimit: null });
    expect(cleared.body.dailySpendLimit).toBeNull();

    const bad = await request(h.http).patch(`/api/v1/sites/${site.body.id}`).set(auth(admin)).send({ dailySpendLimit: '-1', maxInternationalCallSeconds: 5 });
    expectProblem(bad, 422);
    expect(bad.body['invalid-params'].map((p: { name: string }) => p.name).sort()).toEqual(['dailySpendLimit', 'maxInternationalCallSeconds']);
  });

  it('answers 422 for unknown fields and unknown query parameters', async () => {
    const body = await request(h.http).post('/api/v1/sites').set(auth(admin)).send({ ...siteBody(), colour: 'red' });
    expectProblem(body, 422);
    const query = await request(h.http).get('/api/v1/extensions').query({ sitId: siteId }).set(auth(admin));
    expectProblem(query, 422);
    const sort = await request(h.http).get('/api/v1/extensions').query({ sort: 'ha1Md5' }).set(auth(admin));
    expectProblem(sort, 422);
    expect(sort.body['invalid-params'][0]).toMatchObject({ name: 'sort', reason: expect.stringContaining('cannot sort by "ha1Md5"') });
  });

  it('answers 422 for a number outside the site range', async () => {
    const res = await request(h.http).post('/api/v1/extensions').set(auth(admin)).send({ siteId, number: '99', displayName: 'x' });
    expectProblem(res, 422);
    expect(res.body['invalid-params'][0]).toMatchObject({ name: 'number', reason: expect.stringContaining('range') });
  });

  it('answers 409 for a duplicate number, naming the field', async () => {
    const body = { siteId, number: String(rangeStart + 5), displayName: 'First' };
    expect((await request(h.http).post('/api/v1/extensions').set(auth(admin)).send(body)).status).toBe(201);
    const dup = await request(h.http).post('/api/v1/extensions').set(auth(admin)).send({ ...body, displayName: 'Second' });
    expectProblem(dup, 409);
    expect(dup.body['invalid-params']).toEqual([{ name: 'number', reason: 'is already in use' }]);
  });

  it('answers 409 for overlapping site ranges', async () => {
    const res = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody({ extensionRangeStart: rangeStart + 10, extensionRangeEnd: rangeStart + 20 }));
    expectProblem(res, 409);
  });

  it('answers 404 for an unknown id and 400 for malformed JSON', async () => {
    expectProblem(await request(h.http).get('/api/v1/extensions/00000000-0000-4000-8000-000000000000').set(auth(admin)), 404);
    const bad = await request(h.http).post('/api/v1/sites').set(auth(admin)).set('Content-Type', 'application/json').send('{"name":');
    expectProblem(bad, 400);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await request(h.http).post('/api/v1/sites').set(auth(admin)).send({ name: 'x'.repeat(20_000) });
    expectProblem(res, 413);
  });

  it('never writes half a change: a failed update leaves the row and the audit log as they were', async () => {
    const ext = await request(h.http).post('/api/v1/extensions').set(auth(admin)).send({ siteId, number: String(rangeStart + 6), displayName: 'Keep' });
    const auditBefore = await h.prisma.auditLog.count({ where: { tenantId: t.tenantId } });
    const res = await request(h.http).patch(`/api/v1/extensions/${ext.body.id}`).set(auth(admin)).send({ displayName: 'Changed', number: String(rangeStart + 5) });
    expectProblem(res, 409);
    const row = await h.prisma.extension.findUniqueOrThrow({ where: { id: ext.body.id } });
    expect(row.displayName).toBe('Keep');
    expect(await h.prisma.auditLog.count({ where: { tenantId: t.tenantId } })).toBe(auditBefore);
  });
});

describe('roles', () => {
  let h: Harness;
  let t: TenantFixture;
  let admin: string;
  let mine: { id: string; extensionRangeStart: number };
  let other: { id: string; extensionRangeStart: number };

  beforeAll(async () => {
    h = await startAccounts('roles');
    t = await createTenant(h);
    admin = await t.token('ADMIN');
    mine = (await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody())).body;
    other = (await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody())).body;
    await assignSites(h, t, 'SITE_ADMIN', [mine.id]);
  });
  afterAll(() => h.close());

  it('lets a SITE_ADMIN manage extensions of its own site only', async () => {
    const siteAdmin = await t.token('SITE_ADMIN');
    const ok = await request(h.http).post('/api/v1/extensions').set(auth(siteAdmin)).send({ siteId: mine.id, number: String(mine.extensionRangeStart), displayName: 'Mine' });
    expect(ok.status).toBe(201);
    const refused = await request(h.http).post('/api/v1/extensions').set(auth(siteAdmin)).send({ siteId: other.id, number: String(other.extensionRangeStart), displayName: 'Theirs' });
    expect(refused.status).toBe(403);
  });

  it('hides other sites and their extensions from a SITE_ADMIN', async () => {
    await request(h.http).post('/api/v1/extensions').set(auth(admin)).send({ siteId: other.id, number: String(other.extensionRangeStart + 1), displayName: 'Hidden' });
    const siteAdmin = await t.token('SITE_ADMIN');
    const sites = await request(h.http).get('/api/v1/sites').set(auth(siteAdmin));
    expect(sites.body.data.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    const exts = await request(h.http).get('/api/v1/extensions').set(auth(siteAdmin));
    expect(exts.body.data.every((e: { siteId: string }) => e.siteId === mine.id)).toBe(true);
  });

  it.each([
    ['FINANCE', 'get', '/api/v1/cdrs', 200],
    ['FINANCE', 'get', '/api/v1/rate-decks', 200],
    ['FINANCE', 'get', '/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=site', 200],
    ['FINANCE', 'get', '/api/v1/extensions', 403],
    ['FINANCE', 'post', '/api/v1/sites', 403],
    ['VIEWER', 'get', '/api/v1/extensions', 200],
    ['VIEWER', 'get', '/api/v1/cdrs', 403],
    ['VIEWER', 'get', '/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=site', 403],
    ['VIEWER', 'post', '/api/v1/gateways', 403],
    ['VIEWER', 'get', '/api/v1/audit-log', 403],
    ['SITE_ADMIN', 'get', '/api/v1/users', 403],
    ['SITE_ADMIN', 'get', '/api/v1/reports/top?from=2026-03-01&to=2026-03-31&by=calls', 200],
    ['SITE_ADMIN', 'post', '/api/v1/sites', 403],
    ['SITE_ADMIN', 'post', '/api/v1/routes', 403],
  ] as const)('%s: %s %s → %i', async (role, method, path, status) => {
    const token = await t.token(role);
    const res = await request(h.http)[method](path).set(auth(token)).send({});
    expect(res.status).toBe(status);
  });

  it('keeps at least one enabled ADMIN', async () => {
    const me = await h.prisma.user.findUniqueOrThrow({ where: { email: t.emails.ADMIN } });
    const res = await request(h.http).patch(`/api/v1/users/${me.id}`).set(auth(admin)).send({ role: 'VIEWER' });
    expect(res.status).toBe(409);
  });

  it('shows an API key once and refuses it after revocation', async () => {
    const created = await request(h.http).post('/api/v1/api-keys').set(auth(admin)).send({ name: 'ci-bot', role: 'VIEWER' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^bl_/);
    const listed = await request(h.http).get(`/api/v1/api-keys/${created.body.id}`).set(auth(admin));
    expect(listed.body).not.toHaveProperty('key');
    expect(listed.body).not.toHaveProperty('keyHash');
    expect((await request(h.http).get('/api/v1/sites').set('X-API-Key', created.body.key)).status).toBe(200);
    expect((await request(h.http).post('/api/v1/sites').set('X-API-Key', created.body.key).send(siteBody())).status).toBe(403);
    expect((await request(h.http).delete(`/api/v1/api-keys/${created.body.id}`).set(auth(admin))).status).toBe(204);
    expect((await request(h.http).get('/api/v1/sites').set('X-API-Key', created.body.key)).status).toBe(401);
  });
});
