import { randomUUID } from 'node:crypto';
import { Events, type CallBlockedEvent } from '@branchline/contracts';
import { captureRedisEvents, freePort, startSippUas, waitFor, waitForUdpBound, type SippResult } from '@branchline/testing';
import { cdrsOf, createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';

const DOMAIN = 'spend.test';
const PASSWORD = 'Phone-Secret-2026!';

interface CdrRow {
  direction: string;
  disposition: string;
  sip_status: number | null;
  hangup_by: string | null;
  hangup_cause: string | null;
  duration_sec: number;
  billable_sec: number;
  cost: string;
  gateway_id: string | null;
}

/**
 * The spend guard against toll fraud, end to end: sipp phones through
 * sip-server and routing, a sipp gateway, CDRs seeded in Postgres as the
 * day's earlier calls, and `call.blocked` events on the Redis bus.
 */
describe('spend guard (daily spend limits, maximum international call duration)', () => {
  let h: RoutingHarness;
  let tenantId: string;
  let ext: Map<string, { id: string; siteId: string }>;
  let gwPort: number;
  let gatewayId: string;
  let blocked: Awaited<ReturnType<typeof captureRedisEvents>>;

  beforeAll(async () => {
    h = await startRouting('spend-guard', { RING_TIMEOUT_SECONDS: '10', GATEWAY_SETUP_TIMEOUT_SECONDS: '3' });
    const t = await createTenant(
      h,
      DOMAIN,
      [
        {
          name: 'Berlin',
          code: 'BER',
          areaCode: '30',
          costCentre: 'CC-BER',
          range: [2000, 2999],
          phones: [{ number: '2000' }, { number: '2001' }, { number: '2002', classOfService: 'INTERNATIONAL' }, { number: '2003', classOfService: 'INTERNAL' }],
        },
        { name: 'Hamburg', code: 'HAM', areaCode: '40', costCentre: 'CC-HAM', range: [3000, 3999], phones: [{ number: '3000' }, { number: '3001' }] },
      ],
      PASSWORD,
    );
    tenantId = t.tenant.id;
    ext = t.extensions;
    const berlin = t.siteIds.get('BER') ?? '';
    const hamburg = t.siteIds.get('HAM') ?? '';
    // The accounts API has its own minimum; the column has none, so the test cuts after 2 s.
    await h.prisma.site.update({ where: { id: berlin }, data: { timeZone: 'Europe/Berlin', emergencyCallerId: '+4930555112', maxInternationalCallSeconds: 2 } });
    await h.prisma.site.update({ where: { id: hamburg }, data: { timeZone: 'Europe/Berlin', dailySpendLimit: '2.00' } });
    await h.prisma.extension.update({ where: { id: ext.get('2000')?.id }, data: { dailySpendLimit: '1.00' } });
    await h.prisma.extension.update({ where: { id: ext.get('2001')?.id }, data: { dailySpendLimit: '1.00' } });
    await h.prisma.extension.update({ where: { id: ext.get('2003')?.id }, data: { dailySpendLimit: '0.10' } });
    await h.prisma.extension.updateMany({ where: { tenantId }, data: { externalCallerId: '+4930555000' } });

    gwPort = await freePort();
    gatewayId = (await h.prisma.gateway.create({ data: { tenantId, name: 'carrier', host: '127.0.0.1', port: gwPort } })).id;
    const deck = await h.prisma.rateDeck.create({ data: { tenantId, gatewayId, name: 'carrier 2026', currency: 'EUR' } });
    for (const [prefix, description, pricePerMinute] of [
      ['49', 'Germany', '0.0300'],
      ['1', 'USA', '0.1000'],
    ]) {
      await h.prisma.rate.create({ data: { tenantId, rateDeckId: deck.id, prefix, description, pricePerMinute, validFrom: new Date('2026-01-01') } });
    }
    const route = (name: string, pattern: string, priority: number, cos: 'INTERNAL' | 'NATIONAL' | 'INTERNATIONAL', isEmergency = false) =>
      h.prisma.outboundRoute.create({
        data: { tenantId, name, pattern, priority, requiredClassOfService: cos, isEmergency, gateways: { create: [{ gatewayId, position: 0 }] } },
      });
    await route('national', '+49.', 100, 'NATIONAL');
    await route('international', '+.', 200, 'INTERNATIONAL');
    await route('emergency', '11[02]', 1, 'INTERNAL', true);

    // Earlier calls today, and an expensive one two days ago that no longer counts.
    const seed = (caller: string, siteId: string, cost: string, startedAt = new Date()) =>
      h.prisma.cdr.create({
        data: {
          tenantId,
          callId: `seed-${randomUUID()}`,
          direction: 'OUTBOUND',
          disposition: 'ANSWERED',
          callerNumber: caller,
          callerExtensionId: ext.get(caller)?.id,
          siteId,
          dialedNumber: '00309999999',
          startedAt,
          endedAt: startedAt,
          cost,
        },
      });
    await seed('2000', berlin, '0.60000');
    await seed('2000', berlin, '0.40000');
    await seed('2001', berlin, '0.50000');
    await seed('2001', berlin, '5.00000', new Date(Date.now() - 2 * 86_400_000));
    await seed('2003', berlin, '1.00000');
    await seed('3001', hamburg, '2.50000');
    blocked = await captureRedisEvents([Events.CallBlocked]);
  }, 120_000);
  afterAll(async () => {
    await blocked?.close();
    await h?.close();
  });

  const gateway = async (scenario: string) => {
    const uas = startSippUas({ scenario, localPort: gwPort, calls: 1, timeoutSeconds: 30 });
    await waitForUdpBound(gwPort);
    return uas;
  };
  const call = (scenario: string, caller: string, dialed: string): Promise<SippResult> =>
    placeCall(h, scenario, { caller, domain: DOMAIN, password: PASSWORD, dialed });
  const cdrOf = async (caller: string, dialed: string) => (await cdrsOf<CdrRow>(h, caller, dialed))[0];
  const blockedEvent = (caller: string, reason: CallBlockedEvent['reason']) =>
    waitFor(
      () =>
        blocked.events
          .map((e) => e.data as CallBlockedEvent)
          .find((e) => e.tenantId === tenantId && e.callerExtensionId === ext.get(caller)?.id && e.reason === reason),
      { timeoutMs: 10_000, what: `call.blocked (${reason}) for ${caller}` },
    );

  it('refuses an outside call from an extension whose spend today reached its daily limit, with 403 and a call.blocked event', async () => {
    const r = await call('call-refused-spend-limit.xml', '2000', '00301234567');
    expect(r.code).toBe(0);
    expect(await blockedEvent('2000', 'spend-limit')).toMatchObject({
      event: 'call.blocked',
      siteId: ext.get('2000')?.siteId,
      normalizedNumber: '+49301234567',
      limitOf: 'extension',
      limit: '1.00000',
      spentToday: '1.00000',
    });
    expect(await cdrOf('2000', '00301234567')).toMatchObject({ disposition: 'REFUSED', sip_status: 403, cost: '0.00000', gateway_id: null });
  });

  it('refuses an outside call when the site’s spend today is over the site’s limit, though the extension has none', async () => {
    const r = await call('call-refused-spend-limit.xml', '3000', '00301234567');
    expect(r.code).toBe(0);
    expect(await blockedEvent('3000', 'spend-limit')).toMatchObject({ limitOf: 'site', limit: '2.00000', spentToday: '2.50000' });
  });

  it('lets a call through while the extension is under its limit (yesterday’s calls do not count)', async () => {
    const gw = await gateway('routing/gw-answer.xml');
    const r = await call('call-answered.xml', '2001', '00301234568');
    expect(r.code).toBe(0);
    expect((await gw.done).code).toBe(0);
    expect(await cdrOf('2001', '00301234568')).toMatchObject({ direction: 'OUTBOUND', disposition: 'ANSWERED', gateway_id: gatewayId, cost: '0.03000' });
  });

  it('hangs up an international call at the site’s maximum duration: BYE to both sides, hangupBy SYSTEM, priced', async () => {
    const gw = await gateway('routing/gw-answer.xml');
    const r = await call('call-answered-pbx-hangup.xml', '2002', '0001555123456');
    // Both sipp sides end normally only if they received the PBX's BYE.
    expect(r.code).toBe(0);
    expect((await gw.done).code).toBe(0);
    const cdr = await cdrOf('2002', '0001555123456');
    expect(cdr).toMatchObject({ direction: 'OUTBOUND', disposition: 'ANSWERED', sip_status: 200, hangup_by: 'SYSTEM', hangup_cause: 'max-duration', billable_sec: 60, cost: '0.10000' });
    expect(cdr.duration_sec).toBeGreaterThanOrEqual(2);
    expect(cdr.duration_sec).toBeLessThanOrEqual(3);
    expect(await blockedEvent('2002', 'max-duration')).toMatchObject({ maxDurationSec: 2, durationSec: cdr.duration_sec, cost: '0.10000', currency: 'EUR' });
  });

  it('still places an emergency call from an extension over its daily limit', async () => {
    const gw = await gateway('routing/gw-answer.xml');
    const r = await call('call-answered.xml', '2003', '112');
    expect(r.code).toBe(0);
    expect((await gw.done).code).toBe(0);
    expect(await cdrOf('2003', '112')).toMatchObject({ direction: 'EMERGENCY', disposition: 'ANSWERED', gateway_id: gatewayId });
    expect(blocked.events.some((e) => (e.data as CallBlockedEvent).callerExtensionId === ext.get('2003')?.id)).toBe(false);
  });
});
