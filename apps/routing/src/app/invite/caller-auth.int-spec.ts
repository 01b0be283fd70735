import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { redisOptionsFromUrl } from '@branchline/config';
import { Events } from '@branchline/contracts';
import { freePort, testRedisUrl, waitFor, type SippResult } from '@branchline/testing';
import { InvitePhone } from '../../testing/invite-phone';
import { createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';

const DOMAIN = 'auth.test';
const PASSWORD = 'Phone-Secret-2026!';

/** Who may place a call: phones with digest (407), trunks by address, nobody else. */
describe('caller authentication on INVITE (sipp through sip-server and routing)', () => {
  let h: RoutingHarness;
  let gatewayPort: number;
  let tenantId: string;

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
          phones: [{ number: '1000' }, { number: '1001', enabled: false }, { number: '1002', classOfService: 'INTERNAL' }, { number: '1003' }, { number: '1004' }],
        },
      ],
      PASSWORD,
    );
    tenantId = tenant.id;
    gatewayPort = await freePort();
    await h.prisma.gateway.create({ data: { tenantId: tenant.id, name: 'carrier', host: '127.0.0.1', port: gatewayPort } });
  }, 120_000);
  afterAll(() => h?.close());

  const call = (scenario: string, caller: string, dialed: string, o: { password?: string; domain?: string; port?: number } = {}): Promise<SippResult> =>
    placeCall(h, scenario, { caller, domain: o.domain ?? DOMAIN, password: o.password ?? PASSWORD, dialed, localPort: o.port });

  it('refuses a caller with a wrong password: 407, then 403', async () => {
    expect((await call('call-forbidden.xml', '1000', '1003', { password: 'not-the-password' })).code).toBe(0);
  });

  it('challenges a replayed INVITE afresh (stale=true): a nonce-count is good for one request', async () => {
    const phone = await InvitePhone.open(h.sip.sipPort);
    try {
      const call = { from: '1000', to: '1003', domain: DOMAIN };
      const callId = `replay-${Date.now()}@test`;
      const first = await phone.invite({ ...call, callId, cseq: 1 });
      expect(first.status).toBe(407);
      const credentials = InvitePhone.authorization(first.header('Proxy-Authenticate') ?? '', { user: '1000', password: PASSWORD, to: '1003', domain: DOMAIN });
      // accepted: 1003 has no registered phone, so the call itself ends 480
      const authenticated = await phone.invite({ ...call, callId, cseq: 2, proxyAuthorization: credentials });
      expect(authenticated.status).toBe(480);
      // the same credentials again, as someone who captured that INVITE would send them
      const replayed = await phone.invite({ ...call, callId: `again-${callId}`, cseq: 1, proxyAuthorization: credentials });
      expect(replayed.status).toBe(407);
      expect(replayed.header('Proxy-Authenticate')).toMatch(/stale=true/i);
    } finally {
      phone.close();
    }
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

  it('sees a disabled extension as soon as accounts announces the change (directory cache emptied by extension.updated)', async () => {
    // 1004 calls once: routing now holds it in its directory cache (the tenant has no outside route: 503)
    expect((await call('call-pstn-unavailable.xml', '1004', '0301234567')).code).toBe(0);
    const ext = await h.prisma.extension.update({ where: { tenantId_number: { tenantId, number: '1004' } }, data: { enabled: false } });
    // changed behind routing's back, without the event: the cached entry still answers
    expect((await call('call-pstn-unavailable.xml', '1004', '0301234567')).code).toBe(0);

    const bus = ClientProxyFactory.create({ transport: Transport.REDIS, options: redisOptionsFromUrl(testRedisUrl()) });
    try {
      await lastValueFrom(bus.emit(Events.ExtensionUpdated, { tenantId, id: ext.id, data: { sipUsername: '1004', enabled: false } }), { defaultValue: undefined });
      // the event reaches routing a moment later; from then on the next call is refused
      await waitFor(async () => (await call('call-forbidden.xml', '1004', '0301234567')).code === 0, { timeoutMs: 10_000, what: '1004 refused once disabled' });
    } finally {
      await bus.close();
    }
  });
});
