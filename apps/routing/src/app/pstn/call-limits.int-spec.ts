import * as dgram from 'node:dgram';
import { freePort, startSippUas, waitForUdpBound, type SippResult } from '@branchline/testing';
import { cdrsOf, createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';
import type { CdrRow } from '../../testing/cdr-row';
import { RoutingKeys } from '../routing-keys';

const DOMAIN = 'limits.test';
const PASSWORD = 'Phone-Secret-2026!';

/**
 * Gateway channel limits, the site's concurrent-call limit and the gateway
 * setup timeout, with sipp phones and gateways. Calls already up elsewhere
 * are leases in Redis, put there as another replica's running call would.
 */
describe('PSTN call limits and gateway failover on silence', () => {
  let h: RoutingHarness;
  let keys: RoutingKeys;
  let berlin: string;
  const port = { cheap: 0, dear: 0 };
  const gw = { cheap: '', dear: '' };

  beforeAll(async () => {
    // One second of gateway silence is enough to give up on it.
    h = await startRouting('call-limits', { RING_TIMEOUT_SECONDS: '10', GATEWAY_SETUP_TIMEOUT_SECONDS: '1' });
    keys = new RoutingKeys(h.config.REDIS_PREFIX);
    const t = await createTenant(
      h,
      DOMAIN,
      [{ name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [4000, 4999], phones: [{ number: '4000' }, { number: '4001' }, { number: '4002' }] }],
      PASSWORD,
    );
    const tenantId = t.tenant.id;
    berlin = t.siteIds.get('BER') ?? '';
    await h.prisma.site.update({ where: { id: berlin }, data: { maxConcurrentCalls: 1 } });
    await h.prisma.extension.updateMany({ where: { tenantId }, data: { externalCallerId: '+4930555000' } });
    port.cheap = await freePort();
    port.dear = await freePort();
    gw.cheap = (await h.prisma.gateway.create({ data: { tenantId, name: 'cheap-carrier', host: '127.0.0.1', port: port.cheap, maxChannels: 1 } })).id;
    gw.dear = (await h.prisma.gateway.create({ data: { tenantId, name: 'dear-carrier', host: '127.0.0.1', port: port.dear } })).id;
    for (const [gatewayId, price] of [
      [gw.cheap, '0.0100'],
      [gw.dear, '0.0200'],
    ]) {
      const deck = await h.prisma.rateDeck.create({ data: { tenantId, gatewayId, name: `deck ${price}`, currency: 'EUR' } });
      await h.prisma.rate.create({ data: { tenantId, rateDeckId: deck.id, prefix: '49', description: 'Germany', pricePerMinute: price, validFrom: new Date('2026-01-01') } });
    }
    await h.prisma.outboundRoute.create({
      data: { tenantId, name: 'national', pattern: '+49.', priority: 100, requiredClassOfService: 'NATIONAL', gateways: { create: [{ gatewayId: gw.cheap, position: 0 }, { gatewayId: gw.dear, position: 1 }] } },
    });
  }, 120_000);
  afterAll(() => h?.close());

  /** A UDP socket on the cheap gateway's port that records what it gets and never answers. */
  async function silentGateway(): Promise<{ received: string[]; close(): void }> {
    const received: string[] = [];
    const socket = dgram.createSocket('udp4');
    socket.on('message', (m) => received.push(m.toString()));
    await new Promise<void>((done) => socket.bind(port.cheap, '127.0.0.1', done));
    return { received, close: () => socket.close() };
  }
  async function dearGateway(): Promise<{ done: Promise<SippResult> }> {
    const uas = startSippUas({ scenario: 'routing/gw-answer.xml', localPort: port.dear, calls: 1, timeoutSeconds: 30 });
    await waitForUdpBound(port.dear);
    return uas;
  }
  /** Another call holding a slot for a minute, as a running call's lease. */
  async function occupy(key: string): Promise<() => Promise<void>> {
    await h.redis.zadd(key, Date.now() + 60_000, 'call-up-elsewhere');
    return async () => void (await h.redis.zrem(key, 'call-up-elsewhere'));
  }
  const call = (scenario: string, caller: string, dialed: string): Promise<SippResult> =>
    placeCall(h, scenario, { caller, domain: DOMAIN, password: PASSWORD, dialed });
  const cdrOf = async (caller: string, dialed: string) => (await cdrsOf<CdrRow>(h, caller, dialed))[0];

  it('skips a gateway whose only channel is busy and places the call on the next one', async () => {
    const free = await occupy(keys.gatewayChannels(gw.cheap));
    const cheap = await silentGateway();
    try {
      const dear = await dearGateway();
      expect((await call('call-answered.xml', '4000', '00301234567')).code).toBe(0);
      expect((await dear.done).code).toBe(0);
      expect(await cdrOf('4000', '00301234567')).toMatchObject({ disposition: 'ANSWERED', gateway_id: gw.dear, cost: '0.02000' });
      expect(cheap.received).toHaveLength(0);
    } finally {
      cheap.close();
      await free();
    }
  });

  it('refuses an outside call with 503 when the site has its maximum of outside calls up', async () => {
    const free = await occupy(keys.siteCalls(berlin));
    try {
      expect((await call('call-refused-site-limit.xml', '4001', '00301234568')).code).toBe(0);
      expect(await cdrOf('4001', '00301234568')).toMatchObject({ disposition: 'REFUSED', sip_status: 503, hangup_cause: 'Site concurrent call limit reached', gateway_id: null });
    } finally {
      await free();
    }
  });

  it('places an emergency call even when the site has its maximum of outside calls up', async () => {
    const free = await occupy(keys.siteCalls(berlin));
    try {
      // No emergency route here: every gateway of the tenant is the fallback, the cheap one (created first) answering.
      const carrier = startSippUas({ scenario: 'routing/gw-answer.xml', localPort: port.cheap, calls: 1, timeoutSeconds: 30 });
      await waitForUdpBound(port.cheap);
      expect((await call('call-answered.xml', '4000', '112')).code).toBe(0);
      expect((await carrier.done).code).toBe(0);
      expect(await cdrOf('4000', '112')).toMatchObject({ direction: 'EMERGENCY', disposition: 'ANSWERED', sip_status: 200, gateway_id: gw.cheap });
    } finally {
      await free();
    }
  });

  it('gives up on a gateway silent for GATEWAY_SETUP_TIMEOUT_SECONDS and fails over to the next one', async () => {
    const cheap = await silentGateway();
    try {
      const dear = await dearGateway();
      const started = Date.now();
      expect((await call('call-answered.xml', '4002', '00301234569')).code).toBe(0);
      expect((await dear.done).code).toBe(0);
      expect(cheap.received.some((m) => m.startsWith('INVITE sip:+49301234569@'))).toBe(true);
      // One second of silence, then the other gateway; the whole call (1 s talk) stays well under the 10 s ring timeout.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      expect(await cdrOf('4002', '00301234569')).toMatchObject({ disposition: 'ANSWERED', gateway_id: gw.dear, cost: '0.02000' });
    } finally {
      cheap.close();
    }
  });
});
