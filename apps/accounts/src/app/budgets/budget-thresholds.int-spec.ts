import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Events, type BudgetThresholdCrossedData, type EntityEvent } from '@branchline/contracts';
import { captureRedisEvents, waitFor } from '@branchline/testing';
import { createAccountsApp } from '../create-app';
import { auth, createTenant, siteBody, startAccounts, type Harness, type TenantFixture } from '../../testing/accounts-harness';
import { CheckBudgetThresholds } from './usecases/check-budget-thresholds';

/**
 * The budget check: each threshold of a budget is recorded and published
 * once, however often the check runs and however many accounts replicas run
 * it at the same moment. A second replica is a second app on the same
 * database and Redis, as in production.
 */
describe('budget thresholds (budget.threshold_crossed)', () => {
  let h: Harness;
  let replica: INestApplication;
  let t: TenantFixture;
  let finance: string;
  let ber: string;
  let budgetId: string;
  let capture: Awaited<ReturnType<typeof captureRedisEvents>>;
  let n = 0;
  // The middle of November in Berlin: the budgets of November (and October) are checked.
  const now = new Date('2026-11-20T12:00:00Z');

  const check = (app: INestApplication = h.app) => app.get(CheckBudgetThresholds).run(now);
  const spend = (cost: string, startedAt = '2026-11-10T10:00:00Z') =>
    h.prisma.cdr.create({
      data: {
        tenantId: t.tenantId,
        callId: `thresholds-${++n}`,
        direction: 'OUTBOUND',
        disposition: 'ANSWERED',
        callerNumber: '1000',
        dialedNumber: '004930123',
        siteId: ber,
        costCentre: 'CC-BER',
        startedAt: new Date(startedAt),
        endedAt: new Date(startedAt),
        cost,
      },
    });
  const crossings = () =>
    capture.events
      .filter((e) => e.pattern === Events.BudgetThresholdCrossed && (e.data as EntityEvent).tenantId === t.tenantId)
      .map((e) => e.data as EntityEvent<BudgetThresholdCrossedData>);
  /** Publishes a sentinel after everything the checks published: once it arrives, so has all of that. */
  const settled = async () => {
    const res = await request(h.http).post('/api/v1/gateways').set(auth(await t.token('ADMIN'))).send({ name: `sentinel-${++n}`, host: '127.0.0.1' });
    await waitFor(() => capture.events.find((e) => (e.data as EntityEvent).entityId === res.body.id), { what: 'the sentinel event' });
  };

  beforeAll(async () => {
    h = await startAccounts('budget-thresholds');
    replica = await createAccountsApp(h.config, { logger: false });
    await replica.init();
    t = await createTenant(h);
    finance = await t.token('FINANCE');
    const admin = await t.token('ADMIN');
    ber = (await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody({ code: 'BER', timeZone: 'Europe/Berlin' }))).body.id;
    const res = await request(h.http).post('/api/v1/budgets').set(auth(finance)).send({ month: '2026-11', siteId: ber, amount: '100' });
    budgetId = res.body.id;
    capture = await captureRedisEvents([Events.BudgetThresholdCrossed, Events.GatewayCreated]);
  }, 60_000);
  afterAll(async () => {
    await capture?.close();
    await replica?.close();
    await h?.close();
  });

  it('publishes nothing while the spend is below every threshold', async () => {
    await spend('79.99999');
    expect(await check()).toBe(0);
    expect(await h.prisma.budgetThresholdCrossing.count({ where: { budgetId } })).toBe(0);
  });

  it('publishes a threshold once when it is crossed, however often the check runs', async () => {
    await spend('0.00001');
    expect(await check()).toBe(1);
    expect(await check()).toBe(0);
    await settled();
    expect(crossings()).toEqual([
      expect.objectContaining({
        event: Events.BudgetThresholdCrossed,
        entityType: 'budget',
        entityId: budgetId,
        actor: { type: 'SYSTEM', id: null, label: 'budget-check' },
        data: { budgetId, siteId: ber, costCentre: null, month: '2026-11', threshold: 80, amount: '100.00000', spent: '80.00000', currency: 'EUR', percentUsed: 80 },
      }),
    ]);
    const audit = await h.prisma.auditLog.findMany({ where: { tenantId: t.tenantId, action: Events.BudgetThresholdCrossed } });
    expect(audit).toHaveLength(1);
  });

  it('publishes a threshold once when two replicas check at the same moment', async () => {
    await spend('25.00000');
    const [a, b] = await Promise.all([check(h.app), check(replica)]);
    expect(a + b).toBe(1);
    await settled();
    expect(crossings().map((e) => e.data.threshold)).toEqual([80, 100]);
    expect(crossings()[1].data).toMatchObject({ spent: '105.00000', percentUsed: 105 });
    const rows = await h.prisma.budgetThresholdCrossing.findMany({ where: { budgetId }, orderBy: { threshold: 'asc' } });
    expect(rows.map((r) => [r.threshold, r.spent.toFixed(5)])).toEqual([
      [80, '80.00000'],
      [100, '105.00000'],
    ]);
  });

  it('checks afresh after the amount changes: the crossings were of the old amount', async () => {
    await request(h.http).patch(`/api/v1/budgets/${budgetId}`).set(auth(finance)).send({ amount: '200' }).expect(200);
    expect(await check()).toBe(0);
    await request(h.http).patch(`/api/v1/budgets/${budgetId}`).set(auth(finance)).send({ amount: '125' }).expect(200);
    expect(await check()).toBe(1);
    await settled();
    expect(crossings().map((e) => [e.data.threshold, e.data.amount])).toEqual([
      [80, '100.00000'],
      [100, '100.00000'],
      [80, '125.00000'],
    ]);
  });

  it('leaves the budgets of months not running alone', async () => {
    const march = await request(h.http).post('/api/v1/budgets').set(auth(finance)).send({ month: '2026-03', siteId: ber, amount: '1' });
    await spend('5.00000', '2026-03-10T10:00:00Z');
    expect(await check()).toBe(0);
    expect(await h.prisma.budgetThresholdCrossing.count({ where: { budgetId: march.body.id } })).toBe(0);
    // In March it is checked.
    expect(await h.app.get(CheckBudgetThresholds).run(new Date('2026-03-31T12:00:00Z'))).toBe(2);
  });
});
