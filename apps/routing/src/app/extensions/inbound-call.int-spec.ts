import { freePort, registerPhones, runSipp, startSippUas, waitFor, waitForUdpBound, type SippResult } from '@branchline/testing';
import { callCsv, createTenant, startRouting, type RoutingHarness } from '../../testing/routing-harness';
import type { CdrRow } from '../../testing/cdr-row';

const DOMAIN = 'inbound.test';
const PASSWORD = 'Phone-Secret-2026!';

/** Calls from a trunk (a sipp UAC on the gateway's address) to the tenant's DIDs. */
describe('inbound DID calls (sipp gateway through sip-server and routing to registered phones)', () => {
  let h: RoutingHarness;
  let ext: Map<string, { id: string; siteId: string }>;
  let gatewayPort: number;
  let gatewayId: string;

  beforeAll(async () => {
    h = await startRouting('inbound-call', { RING_TIMEOUT_SECONDS: '5' });
    const t = await createTenant(
      h,
      DOMAIN,
      [{ name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [1000, 1999], phones: [{ number: '1000' }, { number: '1001' }, { number: '1002' }] }],
      PASSWORD,
    );
    ext = t.extensions;
    const tenantId = t.tenant.id;
    const siteId = t.siteIds.get('BER') ?? '';
    gatewayPort = await freePort();
    gatewayId = (await h.prisma.gateway.create({ data: { tenantId, name: 'carrier', host: '127.0.0.1', port: gatewayPort } })).id;
    const room = await h.prisma.conferenceRoom.create({ data: { tenantId, siteId, number: '8000', name: 'All hands' } });
    await h.prisma.did.createMany({
      data: [
        { tenantId, siteId, number: '+4930555100', extensionId: ext.get('1000')?.id },
        { tenantId, siteId, number: '+4930555101', extensionId: ext.get('1001')?.id },
        { tenantId, siteId, number: '+4930555102', extensionId: ext.get('1002')?.id },
        { tenantId, siteId, number: '+4930555999', conferenceRoomId: room.id },
      ],
    });
  }, 120_000);
  afterAll(() => h?.close());

  /** The carrier offers a call to `did` from the gateway's own address (no challenge for a trunk). */
  function trunkCall(scenario: string, did: string): Promise<SippResult> {
    return runSipp({
      scenario: `routing/${scenario}`,
      remote: `127.0.0.1:${h.sip.sipPort}`,
      localPort: gatewayPort,
      calls: 1,
      extraArgs: ['-inf', callCsv('+4940999888', DOMAIN, 'unused', did)],
      timeoutSeconds: 20,
    });
  }

  async function phone(number: string, scenario: string): Promise<{ done: Promise<SippResult> }> {
    const [reg] = await registerPhones(h.sip, [{ user: number, domain: DOMAIN, password: PASSWORD }]);
    expect(reg.code).toBe(0);
    const uas = startSippUas({ scenario, localPort: reg.port, calls: 1, timeoutSeconds: 20 });
    await waitForUdpBound(reg.port);
    return uas;
  }

  it('rings the extension a DID is mapped to when the carrier sends +E.164', async () => {
    const callee = await phone('1000', 'uas-basic.xml');
    expect((await trunkCall('trunk-call-answered.xml', '+4930555100')).code).toBe(0);
    expect((await callee.done).code).toBe(0);
  });

  it('accepts the DID as digits without "+"', async () => {
    const callee = await phone('1001', 'uas-basic.xml');
    expect((await trunkCall('trunk-call-answered.xml', '4930555101')).code).toBe(0);
    expect((await callee.done).code).toBe(0);
  });

  it('answers 480 for a DID whose extension has nothing registered and records a free INBOUND CDR', async () => {
    expect((await trunkCall('trunk-call-expect-480.xml', '+4930555102')).code).toBe(0);
    const [cdr] = await waitFor(
      async () => {
        const rows = await h.db.query<CdrRow>(`SELECT * FROM cdrs WHERE dialed_number = $1`, ['+4930555102']);
        return rows.length ? rows : undefined;
      },
      { timeoutMs: 10_000, what: 'the inbound CDR' },
    );
    expect(cdr).toMatchObject({
      direction: 'INBOUND',
      disposition: 'NO_ANSWER',
      sip_status: 480,
      gateway_id: gatewayId,
      normalized_number: '+4930555102',
      callee_extension_id: ext.get('1002')?.id,
      caller_extension_id: null,
      caller_number: '+4940999888',
      site_id: ext.get('1002')?.siteId,
      billable_sec: 0,
    });
    expect(Number(cdr.cost)).toBe(0);
  });

  it('answers 480 for a DID of a conference room while conferences take no calls', async () => {
    expect((await trunkCall('trunk-call-expect-480.xml', '+4930555999')).code).toBe(0);
  });

  it('answers 404 for a number that is no DID of the tenant', async () => {
    expect((await trunkCall('call-expect-404.xml', '+4930555777')).code).toBe(0);
  });
});
