import { randomUUID } from 'node:crypto';
import { Events, type CallBlockedEvent } from '@branchline/contracts';
import { monthOf } from '@branchline/reports';
import { captureRedisEvents, freePort, startSippUas, waitFor, waitForUdpBound } from '@branchline/testing';
import { cdrsOf, createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';

const DOMAIN = 'budget.test';
const PASSWORD = 'Phone-Secret-2026!';
const ZONE = 'Europe/Berlin';

/**
 * The hard limit of a site's monthly budget, end to end: sipp phones through
 * sip-server and routing, a sipp gateway, this month's earlier calls and the
 * budgets seeded in Postgres (as accounts writes them), call.blocked on Redis.
 *
 *   BER: budget 10.00000, hardLimit, spent 10.00000 this month    → outside calls 403, emergency calls pass
 *   HAM: budget 10.00000, hardLimit, spent  9.99999 (+ 50.00000 last month, which does not count) → passes
 *   MUC: budget  1.00000, no hardLimit, spent 5.00000              → passes (the budget only alerts)
 */
describe('spend guard: a site’s monthly budget with a hard limit', () => {
  let h: RoutingHarness;
  let tenantId: string;
  let ext: Map<string, { id: string; siteId: string }>;
  let gwPort: number;
  let gatewayId: string;
  let berBudget: string;
  let blocked: Awaited<ReturnType<typeof captureRedisEvents>>;
  const month = monthOf(new Date(), ZONE);

  beforeAll(async () => {
    h = await startRouting('budget-hard-limit', { RING_TIMEOUT_SECONDS: '10', GATEWAY_SETUP_TIMEOUT_SECONDS: '3' });
    const t = await createTenant(
      h,
      DOMAIN,
      [
        { name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [2000, 2999], phones: [{ number: '2000' }] },
        { name: 'Hamburg', code: 'HAM', areaCode: '40', costCentre: 'CC-HAM', range: [3000, 3999], phones: [{ number: '3000' }] },
        { name: 'München', code: 'MUC', areaCode: '89', costCentre: 'CC-MUC', range: [4000, 4999], phones: [{ number: '4000' }] },
      ],
      PASSWORD,
    );
    tenantId = t.tenant.id;
    ext = t.extensions;
    const site = (code: string) => t.siteIds.get(code) ?? '';
    await h.prisma.site.updateMany({ where: { tenantId }, data: { timeZone: ZONE, emergencyCallerId: '+4930555112' } });
    await h.prisma.extension.updateMany({ where: { tenantId }, data: { externalCallerId: '+4930555000' } });

    gwPort = await freePort();
    gatewayId = (await h.prisma.gateway.create({ data: { tenantId, name: 'carrier', host: '127.0.0.1', port: gwPort } })).id;
    const deck = await h.prisma.rateDeck.create({ data: { tenantId, gatewayId, name: 'carrier 2026', currency: 'EUR' } });
    await h.prisma.rate.create({ data: { tenantId, rateDeckId: deck.id, prefix: '49', description: 'Germany', pricePerMinute: '0.0300', validFrom: new Date('2026-01-01') } });
    const route = (name: string, pattern: string, priority: number, isEmergency = false) =>
      h.prisma.outboundRoute.create({
        data: { tenantId, name, pattern, priority, requiredClassOfService: 'INTERNAL', isEmergency, gateways: { create: [{ gatewayId, position: 0 }] } },
      });
    await route('national', '+49.', 100);
    await route('emergency', '11[02]', 1, true);

    const budget = (code: string, amount: string, hardLimit: boolean) =>
      h.prisma.budget.create({ data: { tenantId, siteId: site(code), month: new Date(`${month}-01T00:00:00Z`), amount, currency: 'EUR', hardLimit } });
    berBudget = (await budget('BER', '10', true)).id;
    await budget('HAM', '10', true);
    await budget('MUC', '1', false);
    const seed = (caller: string, cost: string, startedAt = new Date()) =>
      h.prisma.cdr.create({
        data: {
          tenantId,
          callId: `seed-${randomUUID()}`,
          direction: 'OUTBOUND',
          disposition: 'ANSWERED',
          callerNumber: caller,
          callerExtensionId: ext.get(caller)?.id,
          siteId: ext.get(caller)?.siteId,
          dialedNumber: '00309999999',
          startedAt,
          endedAt: startedAt,
          cost,
        },
      });
    await seed('2000', '6.00000');
    await seed('2000', '4.00000');
    await seed('3000', '9.99999');
    await seed('3000', '50.00000', new Date(Date.now() - 40 * 86_400_000));
    await seed('4000', '5.00000');
    blocked = await captureRedisEvents([Events.CallBlocked]);
  }, 120_000);
  afterAll(async () => {
    await blocked?.close();
    await h?.close();
  });

  const answeredThroughGateway = async (caller: string, dialed: string) => {
    const gw = startSippUas({ scenario: 'routing/gw-answer.xml', localPort: gwPort, calls: 1, timeoutSeconds: 30 });
    await waitForUdpBound(gwPort);
    const r = await placeCall(h, 'call-answered.xml', { caller, domain: DOMAIN, password: PASSWORD, dialed });
    expect(r.code).toBe(0);
    expect((await gw.done).code).toBe(0);
    return (await cdrsOf<{ direction: string; disposition: string; gateway_id: string | null }>(h, caller, dialed))[0];
  };

  it('refuses an outside call of a site whose hard-limit budget is used up with 403 Monthly budget exhausted and call.blocked', async () => {
    const r = await placeCall(h, 'call-refused-budget-exhausted.xml', { caller: '2000', domain: DOMAIN, password: PASSWORD, dialed: '00301234567' });
    expect(r.code).toBe(0);
    const event = await waitFor(
      () => blocked.events.map((e) => e.data as CallBlockedEvent).find((e) => e.tenantId === tenantId && e.callerExtensionId === ext.get('2000')?.id),
      { timeoutMs: 10_000, what: 'call.blocked (budget-exhausted)' },
    );
    expect(event).toMatchObject({
      reason: 'budget-exhausted',
      siteId: ext.get('2000')?.siteId,
      normalizedNumber: '+49301234567',
      budgetId: berBudget,
      month,
      budget: '10.00000',
      spentThisMonth: '10.00000',
    });
    const [cdr] = await cdrsOf<{ disposition: string; sip_status: number; cost: string; gateway_id: string | null }>(h, '2000', '00301234567');
    expect(cdr).toMatchObject({ disposition: 'REFUSED', sip_status: 403, cost: '0.00000', gateway_id: null });
  });

  it('still places an emergency call from that site', async () => {
    expect(await answeredThroughGateway('2000', '112')).toMatchObject({ direction: 'EMERGENCY', disposition: 'ANSWERED', gateway_id: gatewayId });
  });

  it('lets a call through while the month’s spend is under the budget (last month’s calls do not count)', async () => {
    expect(await answeredThroughGateway('3000', '00301234568')).toMatchObject({ direction: 'OUTBOUND', disposition: 'ANSWERED', gateway_id: gatewayId });
  });

  it('lets a call through over a budget without a hard limit', async () => {
    expect(await answeredThroughGateway('4000', '00301234569')).toMatchObject({ direction: 'OUTBOUND', disposition: 'ANSWERED', gateway_id: gatewayId });
    const others = blocked.events.map((e) => e.data as CallBlockedEvent).filter((e) => e.tenantId === tenantId && e.callerExtensionId !== ext.get('2000')?.id);
    expect(others).toEqual([]);
  });
});
