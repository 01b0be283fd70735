import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, seedDemo } from '@branchline/db';
import { freePort, registerPhones, startSippUas, waitForUdpBound, type SippResult } from '@branchline/testing';
import { cdrsOf, placeCall, startRouting, type RoutingHarness } from '../testing/routing-harness';
import type { CdrRow } from '../testing/cdr-row';

const SECRETS_KEY = 'demo-secrets-key-0123456789abcdef-0123';
const DOMAIN = 'acme.example';

/**
 * Issue #6's "done when" on the demo tenant exactly as `npm start` seeds it:
 * phones in Berlin, Hamburg and München call each other and the outside
 * world through the demo gateways (telco-a, telco-b, played by sipp on
 * loopback), and every call lands as a correctly priced CDR.
 */
describe('the demo tenant calls across sites and out through its gateways', () => {
  let h: RoutingHarness;
  const gwPort = { 'telco-a': 0, 'telco-b': 0 };
  const gwId = { 'telco-a': '', 'telco-b': '' };
  const siteId: Record<string, string> = {};

  beforeAll(async () => {
    h = await startRouting('demo-calls', { SECRETS_KEY, RING_TIMEOUT_SECONDS: '10' });
    await seedDemo(h.prisma, SECRETS_KEY);
    // The seed points its gateways at 127.0.0.1:5080/5090; here they are sipp processes on free ports.
    for (const name of ['telco-a', 'telco-b'] as const) {
      gwPort[name] = await freePort();
      gwId[name] = (await h.prisma.gateway.update({ where: { tenantId_name: { tenantId: (await tenant()).id, name } }, data: { port: gwPort[name] } })).id;
    }
    for (const s of await h.prisma.site.findMany()) siteId[s.code] = s.id;
  }, 180_000);
  afterAll(() => h?.close());

  const tenant = async () => h.prisma.tenant.findUniqueOrThrow({ where: { sipDomain: DOMAIN } });

  async function callee(number: string): Promise<{ done: Promise<SippResult> }> {
    const [reg] = await registerPhones(h.sip, [{ user: number, domain: DOMAIN, password: DEMO.sipPassword }]);
    expect(reg.code).toBe(0);
    const uas = startSippUas({ scenario: 'uas-basic.xml', localPort: reg.port, calls: 1, timeoutSeconds: 30 });
    await waitForUdpBound(reg.port);
    return uas;
  }

  async function gateway(name: keyof typeof gwPort): Promise<{ done: Promise<SippResult>; ruri: () => string }> {
    const log = join(mkdtempSync(join(tmpdir(), 'demo-gw-')), 'invite.log');
    const uas = startSippUas({ scenario: 'routing/gw-answer.xml', localPort: gwPort[name], calls: 1, timeoutSeconds: 30, extraArgs: ['-trace_logs', '-log_file', log] });
    await waitForUdpBound(gwPort[name]);
    return { done: uas.done, ruri: () => /ruri=([^|\s]+)/.exec(readFileSync(log, 'utf8'))?.[1] ?? '' };
  }

  const call = (caller: string, dialed: string) => placeCall(h, 'call-answered.xml', { caller, domain: DOMAIN, password: DEMO.sipPassword, dialed });

  const cdrOf = async (caller: string, dialed: string) => (await cdrsOf<CdrRow>(h, caller, dialed))[0];

  it.each`
    caller    | from          | dialed    | to
    ${'1001'} | ${'BER'}      | ${'2001'} | ${'Hamburg'}
    ${'2002'} | ${'HAM'}      | ${'3001'} | ${'München'}
    ${'3002'} | ${'MUC'}      | ${'1002'} | ${'Berlin'}
  `('$caller in $from calls $dialed in $to for free', async ({ caller, from, dialed }) => {
    const uas = await callee(dialed);
    const r = await call(caller, dialed);
    expect(r.code).toBe(0);
    expect((await uas.done).code).toBe(0);
    expect(await cdrOf(caller, dialed)).toMatchObject({ direction: 'INTERNAL', disposition: 'ANSWERED', site_id: siteId[from], billable_sec: 0, cost: '0.00000' });
  });

  // The demo decks: telco-b is cheaper for German fixed lines (0.0120 vs 0.0150, 60/60),
  // telco-a for mobiles (0.0890 vs 0.0990, 60/1). About a second talked is one full first minute.
  it.each`
    caller    | from     | dialed              | e164               | gw           | prefix    | description        | price        | cost
    ${'1003'} | ${'BER'} | ${'00401234567'}    | ${'+49401234567'}  | ${'telco-b'} | ${'49'}   | ${'Germany fixed'}  | ${'0.01200'} | ${'0.01200'}
    ${'2003'} | ${'HAM'} | ${'001701234567'}   | ${'+491701234567'} | ${'telco-a'} | ${'4917'} | ${'Germany mobile'} | ${'0.08900'} | ${'0.08900'}
    ${'3003'} | ${'MUC'} | ${'01234567'}       | ${'+49891234567'}  | ${'telco-b'} | ${'49'}   | ${'Germany fixed'}  | ${'0.01200'} | ${'0.01200'}
  `('$caller in $from dials $dialed: out as $e164 through the cheaper $gw, priced $cost', async ({ caller, from, dialed, e164, gw, prefix, description, price, cost }) => {
    const carrier = await gateway(gw);
    const r = await call(caller, dialed);
    expect(r.code).toBe(0);
    expect((await carrier.done).code).toBe(0);
    expect(carrier.ruri()).toBe(`sip:${e164}@127.0.0.1:${gwPort[gw as keyof typeof gwPort]}`);
    expect(await cdrOf(caller, dialed)).toMatchObject({
      direction: 'OUTBOUND',
      disposition: 'ANSWERED',
      site_id: siteId[from],
      normalized_number: e164,
      gateway_id: gwId[gw as keyof typeof gwId],
      rate_prefix: prefix,
      rate_description: description,
      price_per_minute: price,
      billable_sec: 60,
      cost,
    });
  });
});
