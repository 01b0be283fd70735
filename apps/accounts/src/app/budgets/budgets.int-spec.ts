import request from 'supertest';
import { Events } from '@branchline/contracts';
import { captureRedisEvents, waitFor } from '@branchline/testing';
import { assignSites, auth, createTenant, siteBody, startAccounts, type Harness, type TenantFixture } from '../../testing/accounts-harness';

/**
 * Budgets over HTTP: CRUD, the 422s naming the field, roles, tenant
 * isolation for every verb, and budget vs actual over CDRs worked out by
 * hand. Both sites are in Europe/Berlin (CET until 2026-03-29, then CEST).
 *
 * March 2026, EUR:
 *   BER CC-BER 10.00000  02-28 23:30 UTC = 03-01 00:30 CET   counted
 *   BER CC-BER 70.12345  03-15                               counted
 *   BER CC-BER  5.00000  03-31 22:30 UTC = 04-01 00:30 CEST  April
 *   BER CC-BER 99.00000  03-10 in USD                        not EUR
 *   MUC CC-BER  1.50000  03-20 (a Munich call booked to CC-BER)
 *   MUC CC-MUC  2.00000  03-20
 *   other tenant's BER-like site 500.00000 03-20
 * BER March = 80.12345 (of 100: 80.12 %, 80 crossed); CC-BER March = 81.62345 (of 200: 40.81 %);
 * MUC March = 3.50000 (no budget).
 */
describe('budgets', () => {
  let h: Harness;
  let t: TenantFixture;
  let other: TenantFixture;
  let finance: string;
  let admin: string;
  let ber: string;
  let muc: string;
  let otherSite: string;
  let berBudget: string;
  let ccBudget: string;
  let otherBudget: string;

  const api = (token: string) => ({
    get: (path: string) => request(h.http).get(`/api/v1${path}`).set(auth(token)),
    post: (path: string, body: object) => request(h.http).post(`/api/v1${path}`).set(auth(token)).send(body),
    patch: (path: string, body: object) => request(h.http).patch(`/api/v1${path}`).set(auth(token)).send(body),
    del: (path: string) => request(h.http).delete(`/api/v1${path}`).set(auth(token)),
  });
  const created = async (token: string, body: object) => {
    const res = await api(token).post('/budgets', body);
    if (res.status !== 201) throw new Error(`budget: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const invalid = (res: request.Response) => res.body['invalid-params']?.map((p: { name: string }) => p.name);

  beforeAll(async () => {
    h = await startAccounts('budgets');
    t = await createTenant(h);
    other = await createTenant(h);
    finance = await t.token('FINANCE');
    admin = await t.token('ADMIN');
    const site = async (token: string, body: object) => (await api(token).post('/sites', body)).body.id as string;
    ber = await site(admin, siteBody({ name: 'Berlin', code: 'BER', costCentre: 'CC-BER', timeZone: 'Europe/Berlin' }));
    muc = await site(admin, siteBody({ name: 'München', code: 'MUC', costCentre: 'CC-MUC', timeZone: 'Europe/Berlin' }));
    otherSite = await site(await other.token('ADMIN'), siteBody({ timeZone: 'Europe/Berlin' }));
    await assignSites(h, t, 'SITE_ADMIN', [muc]);

    let n = 0;
    const cdr = (tenantId: string, siteId: string, costCentre: string, startedAt: string, cost: string, currency = 'EUR') =>
      h.prisma.cdr.create({
        data: {
          tenantId,
          callId: `budgets-${++n}`,
          direction: 'OUTBOUND',
          disposition: 'ANSWERED',
          callerNumber: '1000',
          dialedNumber: '004930123',
          siteId,
          costCentre,
          startedAt: new Date(startedAt),
          endedAt: new Date(startedAt),
          cost,
          currency,
        },
      });
    await cdr(t.tenantId, ber, 'CC-BER', '2026-02-28T23:30:00Z', '10.00000');
    await cdr(t.tenantId, ber, 'CC-BER', '2026-03-15T10:00:00Z', '70.12345');
    await cdr(t.tenantId, ber, 'CC-BER', '2026-03-31T22:30:00Z', '5.00000');
    await cdr(t.tenantId, ber, 'CC-BER', '2026-03-10T10:00:00Z', '99.00000', 'USD');
    await cdr(t.tenantId, muc, 'CC-BER', '2026-03-20T10:00:00Z', '1.50000');
    await cdr(t.tenantId, muc, 'CC-MUC', '2026-03-20T11:00:00Z', '2.00000');
    await cdr(other.tenantId, otherSite, 'CC-BER', '2026-03-20T10:00:00Z', '500.00000');

    berBudget = await created(finance, { month: '2026-03', siteId: ber, amount: '100', hardLimit: true });
    ccBudget = await created(finance, { month: '2026-03', costCentre: 'CC-BER', amount: 200, thresholds: [50, 100, 150] });
    otherBudget = await created(await other.token('FINANCE'), { month: '2026-03', siteId: otherSite, amount: '10' });
  }, 60_000);
  afterAll(() => h?.close());

  it('creates a site budget with the defaults: the tenant currency, thresholds 80 and 100, five-place money', async () => {
    const res = await api(finance).get(`/budgets/${berBudget}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: '2026-03', siteId: ber, costCentre: null, amount: '100.00000', currency: 'EUR', thresholds: [80, 100], hardLimit: true });
  });

  it('writes each change to the audit log and publishes it', async () => {
    const capture = await captureRedisEvents([Events.BudgetCreated, Events.BudgetUpdated, Events.BudgetDeleted]);
    try {
      const id = await created(admin, { month: '2026-04', siteId: ber, amount: '1.5' });
      expect((await api(admin).patch(`/budgets/${id}`, { amount: '2.25', hardLimit: true })).body).toMatchObject({ amount: '2.25000', hardLimit: true });
      expect((await api(admin).del(`/budgets/${id}`)).status).toBe(204);
      const seen = await waitFor(() => {
        const mine = capture.events.filter((e) => (e.data as { entityId: string }).entityId === id);
        return mine.length === 3 ? mine : undefined;
      }, { what: 'budget.created/updated/deleted' });
      expect(seen.map((e) => e.pattern)).toEqual([Events.BudgetCreated, Events.BudgetUpdated, Events.BudgetDeleted]);
      expect(seen[1].data).toMatchObject({ tenantId: t.tenantId, data: { amount: '2.25000' }, previous: { amount: '1.50000' } });
      const audit = await h.prisma.auditLog.findMany({ where: { tenantId: t.tenantId, entityId: id }, orderBy: { createdAt: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['budget.created', 'budget.updated', 'budget.deleted']);
    } finally {
      await capture.close();
    }
  });

  it('lists budgets filtered by month, site and cost centre, paginated', async () => {
    const all = await api(finance).get('/budgets?month=2026-03');
    expect(all.body).toMatchObject({ page: 1, pageSize: 50, total: 2 });
    expect((await api(finance).get(`/budgets?siteId=${ber}`)).body.data.map((b: { id: string }) => b.id)).toEqual([berBudget]);
    expect((await api(finance).get('/budgets?costCentre=CC-BER')).body.data.map((b: { id: string }) => b.id)).toEqual([ccBudget]);
    expect((await api(finance).get('/budgets?month=2026-02')).body.total).toBe(0);
    expect((await api(finance).get('/budgets?pageSize=1&sort=amount')).body).toMatchObject({ total: 2, data: [{ id: berBudget }] });
  });

  it.each([
    ['a negative amount', { month: '2026-05', siteId: 'BER', amount: '-5' }, ['amount']],
    ['an amount of nothing', { month: '2026-05', siteId: 'BER', amount: '0.00' }, ['amount']],
    ['both a site and a cost centre', { month: '2026-05', siteId: 'BER', costCentre: 'CC-BER', amount: '5' }, ['costCentre']],
    ['neither a site nor a cost centre', { month: '2026-05', amount: '5' }, ['siteId']],
    ['a malformed month', { month: '2026-13', siteId: 'BER', amount: '5' }, ['month']],
    ['a date for a month', { month: '2026-05-01', siteId: 'BER', amount: '5' }, ['month']],
    ['thresholds repeated', { month: '2026-05', siteId: 'BER', amount: '5', thresholds: [80, 80] }, ['thresholds']],
    ['a hard limit on a cost centre', { month: '2026-05', costCentre: 'CC-BER', amount: '5', hardLimit: true }, ['hardLimit']],
  ])('refuses %s with 422 naming the field', async (_what, body, fields) => {
    const res = await api(finance).post('/budgets', { ...body, ...('siteId' in body ? { siteId: ber } : {}) });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(invalid(res)).toEqual(fields);
  });

  it('refuses an unknown site, another tenant’s site and another currency with 422 naming the field', async () => {
    const unknown = await api(finance).post('/budgets', { month: '2026-05', siteId: '00000000-0000-4000-8000-000000000000', amount: '5' });
    expect([unknown.status, invalid(unknown)]).toEqual([422, ['siteId']]);
    const foreign = await api(finance).post('/budgets', { month: '2026-05', siteId: otherSite, amount: '5' });
    expect([foreign.status, invalid(foreign)]).toEqual([422, ['siteId']]);
    const usd = await api(finance).post('/budgets', { month: '2026-05', siteId: ber, amount: '5', currency: 'USD' });
    expect([usd.status, invalid(usd)]).toEqual([422, ['currency']]);
  });

  it('refuses a second budget of the same month and site with 409', async () => {
    const res = await api(finance).post('/budgets', { month: '2026-03', siteId: ber, amount: '5' });
    expect(res.status).toBe(409);
    expect(invalid(res)).toContain('siteId');
  });

  it('refuses changing the month or scope of a budget, and a hard limit on a cost centre, with 422', async () => {
    expect(invalid(await api(finance).patch(`/budgets/${berBudget}`, { month: '2026-04' }))).toEqual(['month']);
    expect(invalid(await api(finance).patch(`/budgets/${ccBudget}`, { hardLimit: true }))).toEqual(['hardLimit']);
  });

  it('shows budget vs actual for a month, counted like the reports: local month, tenant currency, the right calls', async () => {
    const res = await api(finance).get('/budgets/status?month=2026-03');
    expect(res.status).toBe(200);
    expect(res.body.month).toBe('2026-03');
    const byId = new Map(res.body.data.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(berBudget)).toMatchObject({
      timeZone: 'Europe/Berlin',
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      amount: '100.00000',
      spent: '80.12345',
      remaining: '19.87655',
      percentUsed: 80.12,
      thresholdsCrossed: [80],
    });
    expect(byId.get(ccBudget)).toMatchObject({ amount: '200.00000', spent: '81.62345', remaining: '118.37655', percentUsed: 40.81, thresholdsCrossed: [] });
    expect(res.body.data).toHaveLength(2);
    // The same figure as the report of that site and month.
    const report = await api(finance).get(`/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=site&siteId=${ber}`);
    expect(report.body.totals.cost).toBe('80.12345');
  });

  it('gives a SITE_ADMIN its own sites’ budgets only and no writes; a VIEWER nothing', async () => {
    const siteAdmin = await t.token('SITE_ADMIN');
    const mucBudget = await created(finance, { month: '2026-03', siteId: muc, amount: '3' });
    expect((await api(siteAdmin).get('/budgets')).body.data.map((b: { id: string }) => b.id)).toEqual([mucBudget]);
    expect((await api(siteAdmin).get(`/budgets/${berBudget}`)).status).toBe(404);
    const status = await api(siteAdmin).get('/budgets/status?month=2026-03');
    expect(status.body.data).toEqual([expect.objectContaining({ id: mucBudget, spent: '3.50000', percentUsed: 116.67, thresholdsCrossed: [80, 100] })]);
    expect((await api(siteAdmin).post('/budgets', { month: '2026-06', siteId: muc, amount: '1' })).status).toBe(403);
    expect((await api(siteAdmin).patch(`/budgets/${mucBudget}`, { amount: '4' })).status).toBe(403);
    const viewer = await t.token('VIEWER');
    expect((await api(viewer).get('/budgets')).status).toBe(403);
    expect((await api(viewer).get('/budgets/status')).status).toBe(403);
    await api(finance).del(`/budgets/${mucBudget}`);
  });

  it('keeps tenants apart on every verb: another tenant’s budget is 404, its spend never counted', async () => {
    const me = api(finance);
    expect((await me.get(`/budgets/${otherBudget}`)).status).toBe(404);
    expect((await me.patch(`/budgets/${otherBudget}`, { amount: '1' })).status).toBe(404);
    expect((await me.del(`/budgets/${otherBudget}`)).status).toBe(404);
    expect((await me.get('/budgets')).body.data.map((b: { id: string }) => b.id)).not.toContain(otherBudget);
    expect((await me.get('/budgets/status?month=2026-03')).body.data.map((b: { id: string }) => b.id)).not.toContain(otherBudget);
    const theirs = await api(await other.token('FINANCE')).get('/budgets/status?month=2026-03');
    expect(theirs.body.data).toEqual([expect.objectContaining({ id: otherBudget, spent: '500.00000' })]);
    // The same with an API key of the other tenant.
    const key = await api(await other.token('ADMIN')).post('/api-keys', { name: 'finance-bot', role: 'FINANCE' });
    const byKey = await request(h.http).get(`/api/v1/budgets/${berBudget}`).set('X-API-Key', key.body.key);
    expect(byKey.status).toBe(404);
    expect((await h.prisma.budget.findUniqueOrThrow({ where: { id: otherBudget } })).amount.toFixed()).toBe('10');
  });

  it('refuses a malformed status month with 422 naming it', async () => {
    const res = await api(finance).get('/budgets/status?month=March');
    expect([res.status, invalid(res)]).toEqual([422, ['month']]);
  });
});
