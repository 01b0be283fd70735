import { dashboardMetrics, freePort, registerPhones, scrapeMetrics, startSippUas, waitFor, waitForUdpBound, type MetricsScrape, type SippResult } from '@branchline/testing';
import { cdrsOf, createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';

const DOMAIN = 'metrics.test';
const PASSWORD = 'Phone-Secret-2026!';
const CALLS = 'branchline_routing_calls_total';
const ATTEMPTS = 'branchline_routing_gateway_attempts_total';
const FAILOVERS = 'branchline_routing_gateway_failovers_total';

/** Routing's /metrics and /health/* on its own port, after a real PSTN call that fails over. */
describe('routing metrics and health', () => {
  let h: RoutingHarness;
  let base: string;
  const port = { first: 0, second: 0 };
  const gatewayId = { first: '', second: '' };

  beforeAll(async () => {
    const metricsPort = await freePort();
    h = await startRouting('routing-metrics', { METRICS_PORT: String(metricsPort), GATEWAY_SETUP_TIMEOUT_SECONDS: '3', RING_TIMEOUT_SECONDS: '10' });
    base = `http://127.0.0.1:${metricsPort}`;
    const t = await createTenant(h, DOMAIN, [{ name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC', range: [1000, 1999], phones: [{ number: '1000' }, { number: '1001' }] }], PASSWORD);
    const tenantId = t.tenant.id;
    port.first = await freePort();
    port.second = await freePort();
    for (const which of ['first', 'second'] as const) {
      const g = await h.prisma.gateway.create({ data: { tenantId, name: `${which}-carrier`, host: '127.0.0.1', port: port[which] } });
      gatewayId[which] = g.id;
      // the first carrier is the cheaper one: least cost tries it first
      const deck = await h.prisma.rateDeck.create({ data: { tenantId, gatewayId: g.id, name: `${which} 2026`, currency: 'EUR' } });
      const pricePerMinute = which === 'first' ? '0.0200' : '0.0300';
      await h.prisma.rate.create({ data: { tenantId, rateDeckId: deck.id, prefix: '49', description: 'Germany', pricePerMinute, validFrom: new Date('2026-01-01') } });
    }
    await h.prisma.outboundRoute.create({
      data: {
        tenantId,
        name: 'national',
        pattern: '+49.',
        priority: 100,
        requiredClassOfService: 'NATIONAL',
        gateways: { create: [{ gatewayId: gatewayId.second, position: 0 }, { gatewayId: gatewayId.first, position: 1 }] },
      },
    });
  }, 120_000);
  afterAll(() => h?.close());

  /** A sipp gateway on its port, once it listens; `done` settles when its call is over. */
  const gateway = async (which: keyof typeof port, scenario: string): Promise<{ done: Promise<SippResult> }> => {
    const uas = startSippUas({ scenario, localPort: port[which], calls: 1, timeoutSeconds: 30 });
    await waitForUdpBound(port[which]);
    return uas;
  };
  const moved = (before: MetricsScrape, after: MetricsScrape, name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);

  it('counts a PSTN call that fails over: one attempt per gateway, one failover, active while up, its CDR, post-dial delay and write', async () => {
    const before = await scrapeMetrics(base);
    const first = await gateway('first', 'uas-reject-503.xml');
    const second = await gateway('second', 'routing/gw-answer-hangup.xml');
    const call = placeCall(h, 'call-answered-callee-hangup.xml', { caller: '1000', domain: DOMAIN, password: PASSWORD, dialed: '00301234568' });
    // the carrier talks for two seconds: the call shows as active meanwhile
    await waitFor(async () => (await scrapeMetrics(base)).value('branchline_routing_active_calls') === 1, { timeoutMs: 10_000, what: 'the call to show as active' });
    expect((await call).code).toBe(0);
    expect((await first.done).code).toBe(0);
    expect((await second.done).code).toBe(0);
    const [cdr] = await cdrsOf<{ gateway_id: string; disposition: string }>(h, '1000', '00301234568');
    expect(cdr).toMatchObject({ gateway_id: gatewayId.second, disposition: 'ANSWERED' });
    const after = await waitFor(
      async () => {
        const m = await scrapeMetrics(base);
        return moved(before, m, CALLS) === 1 ? m : undefined;
      },
      { timeoutMs: 5_000, what: 'the call to be counted' },
    );

    expect(moved(before, after, CALLS, { direction: 'OUTBOUND', disposition: 'ANSWERED' })).toBe(1);
    expect(moved(before, after, ATTEMPTS, { gateway: 'first-carrier', gateway_id: gatewayId.first })).toBe(1);
    expect(moved(before, after, ATTEMPTS, { gateway: 'second-carrier', gateway_id: gatewayId.second })).toBe(1);
    expect(moved(before, after, FAILOVERS, { gateway: 'first-carrier' })).toBe(1);
    expect(moved(before, after, FAILOVERS, { gateway: 'second-carrier' })).toBe(0);
    expect(moved(before, after, 'branchline_routing_post_dial_delay_seconds_count')).toBe(1);
    // the second carrier answered at once after the first one's 503, well within a few seconds
    const pdd = moved(before, after, 'branchline_routing_post_dial_delay_seconds_sum');
    expect(pdd).toBeGreaterThan(0);
    expect(pdd).toBeLessThan(3);
    expect(moved(before, after, 'branchline_routing_cdr_write_seconds_count', { result: 'written' })).toBe(1);
    expect(after.value('branchline_routing_active_calls')).toBe(0);
    expect(after.value('branchline_routing_cdr_spool_depth')).toBe(0);
    const labels = (after.text.match(/\{[^}]*\}/g) ?? []).join(' ');
    expect(labels).not.toMatch(/1000|0301234568|@/);
    // every routing metric the Grafana dashboard queries has its samples by now
    const queried = dashboardMetrics('branchline_routing_');
    expect(queried.length).toBeGreaterThanOrEqual(8);
    expect(queried.filter((name) => !after.has(name))).toEqual([]);
  });

  it('counts an internal call by its direction and disposition, with its post-dial delay, and no gateway attempt', async () => {
    const [reg] = await registerPhones(h.sip, [{ user: '1001', domain: DOMAIN, password: PASSWORD }]);
    expect(reg.code).toBe(0);
    const callee = startSippUas({ scenario: 'uas-basic.xml', localPort: reg.port, calls: 1, timeoutSeconds: 30 });
    await waitForUdpBound(reg.port);
    const before = await scrapeMetrics(base);
    expect((await placeCall(h, 'call-answered.xml', { caller: '1000', domain: DOMAIN, password: PASSWORD, dialed: '1001' })).code).toBe(0);
    expect((await callee.done).code).toBe(0);
    const after = await waitFor(
      async () => {
        const m = await scrapeMetrics(base);
        return moved(before, m, CALLS) === 1 ? m : undefined;
      },
      { timeoutMs: 10_000, what: 'the call to be counted' },
    );
    expect(moved(before, after, CALLS, { direction: 'INTERNAL', disposition: 'ANSWERED' })).toBe(1);
    expect(moved(before, after, 'branchline_routing_post_dial_delay_seconds_count')).toBe(1);
    expect(moved(before, after, ATTEMPTS)).toBe(0);
    expect(after.value('branchline_routing_active_calls')).toBe(0);
  });

  it('is live, ready while Postgres, Redis and sip-server are up, and not ready once sip-server is gone', async () => {
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' }, drachtio: { status: 'up' }, accepting: { status: 'up' } } });

    await h.sip.stop();
    const down = await waitFor(
      async () => {
        const r = await fetch(`${base}/health/ready`);
        return r.status === 503 ? r.json() : undefined;
      },
      { timeoutMs: 10_000, what: 'readiness to fail without sip-server' },
    );
    expect(down).toEqual({ status: 'unavailable', checks: { postgres: { status: 'up' }, redis: { status: 'up' }, drachtio: { status: 'down', error: 'not connected' }, accepting: { status: 'up' } } });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
