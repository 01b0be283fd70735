import * as dgram from 'node:dgram';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretBox } from '@branchline/secrets';
import { freePort, startSippUas, waitForUdpBound, type SippResult } from '@branchline/testing';
import { cdrsOf, createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';
import type { CdrRow } from '../../testing/cdr-row';

const DOMAIN = 'pstn.test';
const PASSWORD = 'Phone-Secret-2026!';
const SECRETS_KEY = 'test-secrets-key-0123456789abcdef';

/** What a sipp gateway logged about the INVITE it took (gw-*.xml scenarios). */
interface GatewayInvite {
  ruri: string;
  from: string;
  pai: string;
  pauth: string;
}

/**
 * Outside calls through sipp gateways: two carriers with their own rate
 * decks on the national route, a site gateway for emergency calls and a
 * carrier that demands digest credentials, all on loopback ports.
 */
describe('PSTN calls as a B2BUA (sipp phones and sipp gateways through sip-server and routing)', () => {
  let h: RoutingHarness;
  let ext: Map<string, { id: string; siteId: string }>;
  let berlin: string;
  const port: Record<'cheap' | 'dear' | 'site' | 'auth', number> = { cheap: 0, dear: 0, site: 0, auth: 0 };
  const gw: Record<'cheap' | 'dear' | 'site' | 'auth', string> = { cheap: '', dear: '', site: '', auth: '' };
  const deck: Record<'cheap' | 'dear', string> = { cheap: '', dear: '' };
  const route: Record<'national' | 'munich' | 'emergency', string> = { national: '', munich: '', emergency: '' };

  beforeAll(async () => {
    h = await startRouting('pstn-call', { SECRETS_KEY, RING_TIMEOUT_SECONDS: '10', GATEWAY_SETUP_TIMEOUT_SECONDS: '3' });
    const t = await createTenant(
      h,
      DOMAIN,
      [
        {
          name: 'Berlin',
          code: 'BER',
          areaCode: '30',
          costCentre: 'CC-BER',
          range: [1000, 1999],
          phones: [{ number: '1000' }, { number: '1001' }, { number: '1002' }, { number: '1003', classOfService: 'INTERNAL' }, { number: '1004' }],
        },
      ],
      PASSWORD,
    );
    ext = t.extensions;
    berlin = t.siteIds.get('BER') ?? '';
    const tenantId = t.tenant.id;
    await h.prisma.site.update({ where: { id: berlin }, data: { emergencyCallerId: '+4930555112' } });
    await h.prisma.extension.updateMany({ where: { tenantId, number: { in: ['1000', '1001', '1002', '1004'] } }, data: { externalCallerId: '+4930555000' } });
    for (const k of Object.keys(port) as Array<keyof typeof port>) port[k] = await freePort();

    const box = new SecretBox(SECRETS_KEY);
    const mk = (name: string, p: number, extra: Record<string, unknown> = {}) =>
      h.prisma.gateway.create({ data: { tenantId, name, host: '127.0.0.1', port: p, ...extra } });
    gw.cheap = (await mk('cheap-carrier', port.cheap)).id;
    // The dear carrier wants national numbers: 49 stripped, trunk prefix 0, no "+".
    gw.dear = (await mk('dear-carrier', port.dear, { e164Plus: false, stripDigits: 2, prependDigits: '0' })).id;
    gw.site = (await mk('berlin-local', port.site, { siteId: berlin })).id;
    gw.auth = (await mk('secure-carrier', port.auth, { username: 'trunk-user', passwordEnc: box.encrypt('Trunk-Pass-2026') })).id;

    const mkDeck = async (gatewayId: string, name: string, rates: Array<[string, string, string]>) => {
      const d = await h.prisma.rateDeck.create({ data: { tenantId, gatewayId, name, currency: 'EUR' } });
      for (const [prefix, description, pricePerMinute] of rates) {
        await h.prisma.rate.create({ data: { tenantId, rateDeckId: d.id, prefix, description, pricePerMinute, validFrom: new Date('2026-01-01') } });
      }
      return d.id;
    };
    // Longest prefix wins: Berlin is cheaper at the cheap carrier, the rest of Germany is not.
    deck.cheap = await mkDeck(gw.cheap, 'cheap 2026', [
      ['49', 'Germany', '0.0300'],
      ['4930', 'Germany Berlin', '0.0190'],
    ]);
    deck.dear = await mkDeck(gw.dear, 'dear 2026', [['49', 'Germany', '0.0250']]);
    await mkDeck(gw.auth, 'secure 2026', [['4989', 'Germany München', '0.0100']]);
    // 112 starts with the USA/Canada prefix: an emergency call through this gateway must still be free
    await mkDeck(gw.site, 'berlin-local 2026', [['1', 'USA/Canada', '0.0150']]);

    const mkRoute = async (name: string, pattern: string, priority: number, cos: 'INTERNAL' | 'NATIONAL' | 'INTERNATIONAL', gateways: string[], isEmergency = false) =>
      (
        await h.prisma.outboundRoute.create({
          data: {
            tenantId,
            name,
            pattern,
            priority,
            requiredClassOfService: cos,
            isEmergency,
            gateways: { create: gateways.map((gatewayId, position) => ({ gatewayId, position })) },
          },
        })
      ).id;
    // The route lists the dear carrier first: least cost must reorder it.
    route.national = await mkRoute('national', '+49.', 100, 'NATIONAL', [gw.dear, gw.cheap]);
    route.munich = await mkRoute('munich', '+4989.', 50, 'NATIONAL', [gw.auth]);
    await mkRoute('international', '+.', 200, 'INTERNATIONAL', [gw.cheap]);
    route.emergency = await mkRoute('emergency', '11[02]', 1, 'INTERNAL', [gw.cheap, gw.site], true);
  }, 120_000);
  afterAll(() => h?.close());

  /** A sipp gateway on its port, logging the INVITE it got. */
  async function gateway(which: keyof typeof port, scenario: string): Promise<{ done: Promise<SippResult>; invite: () => GatewayInvite }> {
    const log = join(mkdtempSync(join(tmpdir(), 'gw-log-')), 'invite.log');
    const uas = startSippUas({
      scenario,
      localPort: port[which],
      calls: 1,
      timeoutSeconds: 30,
      extraArgs: ['-trace_logs', '-log_file', log],
    });
    await waitForUdpBound(port[which]);
    return {
      done: uas.done,
      invite: () => {
        const line = readFileSync(log, 'utf8').split('\n').find((l) => l.startsWith('ruri=')) ?? '';
        return Object.fromEntries(line.split('|').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1).trim()])) as unknown as GatewayInvite;
      },
    };
  }

  const call = (scenario: string, caller: string, dialed: string): Promise<SippResult> =>
    placeCall(h, scenario, { caller, domain: DOMAIN, password: PASSWORD, dialed });

  const cdrOf = async (caller: string, dialed: string) => (await cdrsOf<CdrRow>(h, caller, dialed))[0];

  it('sends a national call to the cheaper gateway as +E.164 with the extension’s caller ID, and prices it to the cent', async () => {
    const cheap = await gateway('cheap', 'routing/gw-answer.xml');
    const r = await call('call-answered.xml', '1000', '00301234567');
    expect(r.code).toBe(0);
    expect((await cheap.done).code).toBe(0);
    const invite = cheap.invite();
    expect(invite.ruri).toBe(`sip:+49301234567@127.0.0.1:${port.cheap}`);
    expect(invite.from).toMatch(/<sip:\+4930555000@/);
    expect(invite.pai).toMatch(/<sip:\+4930555000@/);
    // the phone's digest credentials are for our realm: the carrier never sees them
    expect(invite.pauth).toBe('');

    const cdr = await cdrOf('1000', '00301234567');
    expect(cdr).toMatchObject({
      direction: 'OUTBOUND',
      disposition: 'ANSWERED',
      sip_status: 200,
      hangup_by: 'CALLER',
      normalized_number: '+49301234567',
      route_id: route.national,
      gateway_id: gw.cheap,
      rate_deck_id: deck.cheap,
      rate_prefix: '4930',
      rate_description: 'Germany Berlin',
      connect_fee: '0.00000',
      price_per_minute: '0.01900',
      // About a second talked, billed as the first full minute at 0.0190/min.
      billable_sec: 60,
      cost: '0.01900',
      currency: 'EUR',
      site_id: berlin,
      caller_extension_id: ext.get('1000')?.id,
    });
    expect(cdr.duration_sec).toBeGreaterThanOrEqual(1);
    expect(cdr.duration_sec).toBeLessThanOrEqual(3);
    expect(cdr.answered_at).not.toBeNull();
  });

  it('fails over to the other gateway when the cheaper one answers 503, in that gateway’s number format', async () => {
    const cheap = await gateway('cheap', 'uas-reject-503.xml');
    const dear = await gateway('dear', 'routing/gw-answer-hangup.xml');
    const r = await call('call-answered-callee-hangup.xml', '1001', '00301234568');
    expect(r.code).toBe(0);
    expect((await cheap.done).code).toBe(0);
    expect((await dear.done).code).toBe(0);
    expect(dear.invite().ruri).toBe(`sip:0301234568@127.0.0.1:${port.dear}`);

    const cdr = await cdrOf('1001', '00301234568');
    expect(cdr).toMatchObject({
      disposition: 'ANSWERED',
      hangup_by: 'CALLEE',
      gateway_id: gw.dear,
      rate_deck_id: deck.dear,
      rate_prefix: '49',
      price_per_minute: '0.02500',
      billable_sec: 60,
      cost: '0.02500',
    });
    // The carrier hung up after two seconds of talk.
    expect(cdr.duration_sec).toBeGreaterThanOrEqual(2);
    expect(cdr.duration_sec).toBeLessThanOrEqual(4);
  });

  it('passes the callee’s 486 back to the caller without trying the other gateway', async () => {
    const dearInvites: Buffer[] = [];
    const dearSocket = dgram.createSocket('udp4');
    dearSocket.on('message', (m) => dearInvites.push(m));
    await new Promise<void>((done) => dearSocket.bind(port.dear, '127.0.0.1', done));
    try {
      const cheap = await gateway('cheap', 'uas-reject-486.xml');
      const r = await call('call-busy.xml', '1002', '00301234569');
      expect(r.code).toBe(0);
      expect((await cheap.done).code).toBe(0);
      const cdr = await cdrOf('1002', '00301234569');
      expect(cdr).toMatchObject({ direction: 'OUTBOUND', disposition: 'BUSY', sip_status: 486, hangup_by: 'CALLEE', gateway_id: gw.cheap, answered_at: null, billable_sec: 0, cost: '0.00000' });
      expect(dearInvites).toHaveLength(0);
    } finally {
      dearSocket.close();
    }
  });

  it('refuses an international call from a national-only extension with 403 and the reason', async () => {
    expect((await call('call-refused-class-of-service.xml', '1000', '000441234567890')).code).toBe(0);
  });

  it('sends an emergency call from an internal-only extension through its own site’s gateway with the emergency caller ID', async () => {
    const site = await gateway('site', 'routing/gw-answer.xml');
    const r = await call('call-answered.xml', '1003', '112');
    expect(r.code).toBe(0);
    expect((await site.done).code).toBe(0);
    const invite = site.invite();
    expect(invite.ruri).toBe(`sip:112@127.0.0.1:${port.site}`);
    expect(invite.from).toMatch(/<sip:\+4930555112@/);
    expect(invite.pai).toMatch(/<sip:\+4930555112@/);
    const cdr = await cdrOf('1003', '112');
    expect(cdr).toMatchObject({
      direction: 'EMERGENCY',
      disposition: 'ANSWERED',
      gateway_id: gw.site,
      route_id: route.emergency,
      normalized_number: '112',
      // free, and never rated against a destination prefix
      billable_sec: 0,
      cost: '0.00000',
      rate_deck_id: null,
      rate_prefix: null,
      rate_description: null,
      price_per_minute: null,
    });
  });

  it('answers the carrier’s 407 with the gateway’s trunk credentials and completes the call', async () => {
    const secure = await gateway('auth', 'routing/gw-challenge.xml');
    const r = await call('call-answered.xml', '1004', '0089123456');
    expect(r.code).toBe(0);
    expect((await secure.done).code).toBe(0);
    const invite = secure.invite();
    expect(invite.pauth).toMatch(/^Digest /);
    expect(invite.pauth).toContain('username="trunk-user"');
    expect(invite.pauth).toContain('realm="carrier.test"');
    const cdr = await cdrOf('1004', '0089123456');
    expect(cdr).toMatchObject({ disposition: 'ANSWERED', gateway_id: gw.auth, route_id: route.munich, rate_prefix: '4989', cost: '0.01000' });
  });
});
