import * as dgram from 'node:dgram';
import { registerPhones, startSippUas, waitForUdpBound, freePort, type SippResult } from '@branchline/testing';
import { cdrsOf, createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';
import type { CdrRow } from '../../testing/cdr-row';

const DOMAIN = 'ring.test';
const PASSWORD = 'Phone-Secret-2026!';
/** Longer than Timer B (64*T1 = 32 s at the RFC 3261 default T1 the harness's sip-server runs with). */
const RING_MS = 45_000;

/**
 * Calls that ring for a long time, with every timer at its production default:
 * Timer B must not end a call that is ringing (RFC 3261 §17.1.1.2).
 */
describe('a call that rings 45 s before it is answered', () => {
  let h: RoutingHarness;
  const port = { cheap: 0, dear: 0 };

  beforeAll(async () => {
    h = await startRouting('long-ring', { RING_TIMEOUT_SECONDS: '60' });
    const t = await createTenant(
      h,
      DOMAIN,
      [
        { name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [1000, 1999], phones: [{ number: '1000' }, { number: '1001' }] },
        { name: 'Hamburg', code: 'HAM', areaCode: '40', costCentre: 'CC-HAM', range: [2000, 2999], phones: [{ number: '2000' }] },
      ],
      PASSWORD,
    );
    const tenantId = t.tenant.id;
    port.cheap = await freePort();
    port.dear = await freePort();
    const gateway = async (name: string, p: number, price: string) => {
      const g = await h.prisma.gateway.create({ data: { tenantId, name, host: '127.0.0.1', port: p } });
      const d = await h.prisma.rateDeck.create({ data: { tenantId, gatewayId: g.id, name: `${name} 2026`, currency: 'EUR' } });
      await h.prisma.rate.create({ data: { tenantId, rateDeckId: d.id, prefix: '49', description: 'Germany', pricePerMinute: price, validFrom: new Date('2026-01-01') } });
      return g.id;
    };
    const cheap = await gateway('cheap', port.cheap, '0.0100');
    const dear = await gateway('dear', port.dear, '0.0500');
    await h.prisma.outboundRoute.create({
      data: { tenantId, name: 'national', pattern: '+49.', priority: 100, requiredClassOfService: 'NATIONAL', gateways: { create: [{ gatewayId: dear, position: 0 }, { gatewayId: cheap, position: 1 }] } },
    });
  }, 120_000);
  afterAll(() => h?.close());

  it.concurrent('connects an internal call across sites that the callee answers after 45 s of ringing', async () => {
    const [reg] = await registerPhones(h.sip, [{ user: '2000', domain: DOMAIN, password: PASSWORD }]);
    expect(reg.code).toBe(0);
    const callee = startSippUas({ scenario: 'uas-ring-then-answer.xml', localPort: reg.port, calls: 1, timeoutSeconds: 90, extraArgs: ['-d', String(RING_MS)] });
    await waitForUdpBound(reg.port);
    const r = await placeCall(h, 'call-answered-after-long-ring.xml', { caller: '1000', domain: DOMAIN, password: PASSWORD, dialed: '2000', timeoutSeconds: 90 });
    expect({ caller: r.code, callee: (await callee.done).code }).toEqual({ caller: 0, callee: 0 });
    const [cdr] = await cdrsOf<CdrRow>(h, '1000', '2000');
    expect(cdr).toMatchObject({ direction: 'INTERNAL', disposition: 'ANSWERED', sip_status: 200 });
    expect((cdr.answered_at?.getTime() ?? 0) - cdr.started_at.getTime()).toBeGreaterThanOrEqual(RING_MS - 1000);
  }, 120_000);

  it.concurrent('keeps a PSTN call on the cheapest gateway while it rings 45 s, without failing over, and bills it from the answer', async () => {
    // nothing may reach the dear gateway while the cheap one rings
    const dearInvites: Buffer[] = [];
    const dearSocket = dgram.createSocket('udp4');
    dearSocket.on('message', (m) => dearInvites.push(m));
    await new Promise<void>((done) => dearSocket.bind(port.dear, '127.0.0.1', done));
    try {
      const cheap: { done: Promise<SippResult> } = startSippUas({
        scenario: 'routing/gw-ring-then-answer.xml',
        localPort: port.cheap,
        calls: 1,
        timeoutSeconds: 90,
        extraArgs: ['-d', String(RING_MS)],
      });
      await waitForUdpBound(port.cheap);
      const r = await placeCall(h, 'call-answered-after-long-ring.xml', { caller: '1001', domain: DOMAIN, password: PASSWORD, dialed: '0301234567', timeoutSeconds: 90 });
      expect({ caller: r.code, gateway: (await cheap.done).code }).toEqual({ caller: 0, gateway: 0 });
      expect(dearInvites).toHaveLength(0);
      const [cdr] = await cdrsOf<CdrRow>(h, '1001', '0301234567');
      expect(cdr).toMatchObject({ direction: 'OUTBOUND', disposition: 'ANSWERED', sip_status: 200, price_per_minute: '0.01000', billable_sec: 60, cost: '0.01000' });
      expect((cdr.answered_at?.getTime() ?? 0) - cdr.started_at.getTime()).toBeGreaterThanOrEqual(RING_MS - 1000);
    } finally {
      dearSocket.close();
    }
  }, 120_000);
});
