import { freePort, registerPhones, startSippUas, waitForUdpBound, type SippResult } from '@branchline/testing';
import { cdrsOf, createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';
import type { CdrRow } from '../../testing/cdr-row';

const DOMAIN = 'abandon.test';
const PASSWORD = 'Phone-Secret-2026!';

/**
 * Legs routing gives up on (ring timeout, a silent gateway, the caller's final already sent)
 * are cancelled, and an answer that comes for one anyway is ACKed and hung up at once
 * (RFC 3261 §13.2.2.4), so no callee or carrier keeps a call up that nobody takes.
 */
describe('legs given up on', () => {
  let h: RoutingHarness;
  const port = { first: 0, second: 0 };

  beforeAll(async () => {
    h = await startRouting('abandoned-legs', { RING_TIMEOUT_SECONDS: '3', GATEWAY_SETUP_TIMEOUT_SECONDS: '2' });
    const t = await createTenant(
      h,
      DOMAIN,
      [{ name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [1000, 1999], phones: [{ number: '1000' }, { number: '1001' }, { number: '1002' }, { number: '1003' }, { number: '1009' }] }],
      PASSWORD,
    );
    const tenantId = t.tenant.id;
    port.first = await freePort();
    port.second = await freePort();
    const gateway = async (name: string, p: number, price: string) => {
      const g = await h.prisma.gateway.create({ data: { tenantId, name, host: '127.0.0.1', port: p } });
      const d = await h.prisma.rateDeck.create({ data: { tenantId, gatewayId: g.id, name: `${name} 2026`, currency: 'EUR' } });
      await h.prisma.rate.create({ data: { tenantId, rateDeckId: d.id, prefix: '49', description: 'Germany', pricePerMinute: price, validFrom: new Date('2026-01-01') } });
      return g.id;
    };
    const first = await gateway('first', port.first, '0.0100');
    const second = await gateway('second', port.second, '0.0500');
    await h.prisma.outboundRoute.create({
      data: { tenantId, name: 'national', pattern: '+49.', priority: 100, requiredClassOfService: 'NATIONAL', gateways: { create: [{ gatewayId: first, position: 0 }, { gatewayId: second, position: 1 }] } },
    });
  }, 120_000);
  afterAll(() => h?.close());

  const gw = async (which: keyof typeof port, scenario: string, pauseMs = 0): Promise<{ done: Promise<SippResult> }> => {
    const uas = startSippUas({ scenario, localPort: port[which], calls: 1, timeoutSeconds: 30, extraArgs: pauseMs ? ['-d', String(pauseMs)] : [] });
    await waitForUdpBound(port[which]);
    return uas;
  };
  const call = (scenario: string, caller: string, dialed: string) => placeCall(h, scenario, { caller, domain: DOMAIN, password: PASSWORD, dialed });

  it('ends a PSTN call that rings past RING_TIMEOUT_SECONDS with 408 and cancels the gateway', async () => {
    const first = await gw('first', 'uas-ring-cancel.xml');
    const r = await call('call-no-answer.xml', '1000', '0301111111');
    expect({ caller: r.code, gateway: (await first.done).code }).toEqual({ caller: 0, gateway: 0 });
    const [cdr] = await cdrsOf<CdrRow>(h, '1000', '0301111111');
    expect(cdr).toMatchObject({ disposition: 'NO_ANSWER', sip_status: 408, answered_at: null, cost: '0.00000' });
  });

  it('ACKs and hangs up a gateway whose answer crosses the ring-timeout CANCEL, and does not connect the caller', async () => {
    const first = await gw('first', 'uas-answer-after-cancel.xml');
    const r = await call('call-no-answer.xml', '1001', '0302222222');
    // the gateway's scenario ends only once its late 200 got an ACK and a BYE
    expect({ caller: r.code, gateway: (await first.done).code }).toEqual({ caller: 0, gateway: 0 });
    const [cdr] = await cdrsOf<CdrRow>(h, '1001', '0302222222');
    expect(cdr).toMatchObject({ disposition: 'NO_ANSWER', sip_status: 408, answered_at: null, billable_sec: 0, cost: '0.00000' });
  });

  it('ACKs and hangs up a silent gateway that answers after routing failed over, while the next gateway carries the call', async () => {
    const first = await gw('first', 'uas-silent-late-answer.xml', 4000);
    const second = await gw('second', 'routing/gw-answer.xml');
    const r = await call('call-answered.xml', '1002', '0303333333');
    const [f, s] = await Promise.all([first.done, second.done]);
    expect({ caller: r.code, first: f.code, second: s.code }).toEqual({ caller: 0, first: 0, second: 0 });
    const [cdr] = await cdrsOf<CdrRow>(h, '1002', '0303333333');
    expect(cdr).toMatchObject({ disposition: 'ANSWERED', price_per_minute: '0.05000' });
  });

  it('ACKs and hangs up a phone whose answer crosses the ring-timeout CANCEL of an internal call', async () => {
    const [reg] = await registerPhones(h.sip, [{ user: '1009', domain: DOMAIN, password: PASSWORD }]);
    expect(reg.code).toBe(0);
    const callee = startSippUas({ scenario: 'uas-answer-after-cancel.xml', localPort: reg.port, calls: 1, timeoutSeconds: 30 });
    await waitForUdpBound(reg.port);
    const r = await call('call-no-answer.xml', '1003', '1009');
    expect({ caller: r.code, callee: (await callee.done).code }).toEqual({ caller: 0, callee: 0 });
  });
});
