import { freePort, runSipp, type SippResult } from '@branchline/testing';
import { callCsv, createTenant, startRouting, type RoutingHarness } from '../testing/routing-harness';

const DOMAIN = 'auth.test';
const PASSWORD = 'Phone-Secret-2026!';

/** Who may place a call: phones with digest (407), trunks by address, nobody else. */
describe('caller authentication on INVITE (sipp through sip-server and routing)', () => {
  let h: RoutingHarness;
  let gatewayPort: number;

  beforeAll(async () => {
    h = await startRouting('caller-auth');
    const { tenant } = await createTenant(
      h,
      DOMAIN,
      [
        {
          name: 'Berlin',
          code: 'BER',
          areaCode: '30',
          costCentre: 'CC-BER',
          range: [1000, 1999],
          phones: [{ number: '1000' }, { number: '1001', enabled: false }, { number: '1002', classOfService: 'INTERNAL' }, { number: '1003' }],
        },
      ],
      PASSWORD,
    );
    gatewayPort = await freePort();
    await h.prisma.gateway.create({ data: { tenantId: tenant.id, name: 'carrier', host: '127.0.0.1', port: gatewayPort } });
  }, 120_000);
  afterAll(() => h?.close());

  async function call(scenario: string, caller: string, dialed: string, o: { password?: string; domain?: string; port?: number } = {}): Promise<SippResult> {
    return runSipp({
      scenario: `routing/${scenario}`,
      remote: `127.0.0.1:${h.sip.sipPort}`,
      localPort: o.port ?? (await freePort()),
      calls: 1,
      extraArgs: ['-inf', callCsv(caller, o.domain ?? DOMAIN, o.password ?? PASSWORD, dialed)],
      timeoutSeconds: 20,
    });
  }

  it('refuses a caller with a wrong password: 407, then 403', async () => {
    expect((await call('call-forbidden.xml', '1000', '1003', { password: 'not-the-password' })).code).toBe(0);
  });

  it('refuses a disabled extension with the right password: 407, then 403', async () => {
    expect((await call('call-forbidden.xml', '1001', '1003')).code).toBe(0);
  });

  it('refuses an unknown user like a wrong password', async () => {
    expect((await call('call-forbidden.xml', '1999', '1003')).code).toBe(0);
  });

  it('refuses an INVITE for a domain nobody serves with 403 and no challenge', async () => {
    expect((await call('call-expect-403.xml', '1000', '1003', { domain: 'nowhere.test' })).code).toBe(0);
  });

  it('accepts a call from a configured gateway without a challenge (404 for a number that is no DID)', async () => {
    expect((await call('call-expect-404.xml', '+4930111', '1003', { port: gatewayPort })).code).toBe(0);
  });

  it('refuses an outside call from an internal-only extension with 403 and the reason, after authenticating it', async () => {
    expect((await call('call-refused-class-of-service.xml', '1002', '0301234567')).code).toBe(0);
  });

  it('answers a permitted outside call 503 when the tenant has no outbound route for it', async () => {
    expect((await call('call-pstn-unavailable.xml', '1000', '0301234567')).code).toBe(0);
  });
});
