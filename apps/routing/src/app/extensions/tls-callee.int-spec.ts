import { readFileSync } from 'node:fs';
import { connectTls, phoneAnswer, registerOverTls, TestPki, waitFor, type TlsSipClient } from '@branchline/testing';
import { createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';

const DOMAIN = 'acme.test';
const PASSWORD = 'Phone-Secret-2026!';

/**
 * A phone registered over TLS through the real sip-server, registrar and routing is called by a
 * UDP phone of another site: the INVITE reaches it over its own TLS connection; once that is
 * closed the caller gets 480 at once, with no connection opened towards the phone.
 */
describe('calls to a phone registered over TLS (sip-server, registrar, routing)', () => {
  const pki = new TestPki();
  const cert = pki.issue('sip.acme.test', ['sip.acme.test']);
  let h: RoutingHarness;
  let phone: TlsSipClient;

  beforeAll(async () => {
    h = await startRouting('tls-callee', { RING_TIMEOUT_SECONDS: '5' }, { sipEnv: { SIP_TLS_CERT_FILE: cert.certFile, SIP_TLS_KEY_FILE: cert.keyFile } });
    await createTenant(
      h,
      DOMAIN,
      [
        { name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [1000, 1999], phones: [{ number: '1000' }] },
        { name: 'Hamburg', code: 'HAM', areaCode: '40', costCentre: 'CC-HAM', range: [2000, 2999], phones: [{ number: '2000' }] },
      ],
      PASSWORD,
    );
    phone = await connectTls(h.sip.tlsPort as number, readFileSync(pki.caFile, 'utf8'), 'sip.acme.test');
    expect(await registerOverTls(phone, '2000', DOMAIN, PASSWORD)).toMatch(/^SIP\/2\.0 200 /);
  }, 120_000);
  afterAll(async () => {
    phone?.socket.destroy();
    await h?.close();
    pki.remove();
  });

  it('delivers the INVITE over the callee TLS connection (Via TLS, Contact transport=tls), and its 486 to the caller', async () => {
    const seen = phone.messages.length;
    const answered = waitFor(() => phone.messages.slice(seen).find((m) => m.startsWith('INVITE ')), { timeoutMs: 15_000, what: 'the INVITE on the TLS connection' }).then((invite) => {
      phone.socket.write(phoneAnswer(invite, 486, 'Busy Here'));
      return invite;
    });
    const r = await placeCall(h, 'call-busy.xml', { caller: '1000', domain: DOMAIN, password: PASSWORD, dialed: '2000' });
    const invite = await answered;
    expect(r.code).toBe(0);
    expect(invite).toMatch(/^INVITE sip:[^\r]*;transport=tls SIP\/2\.0/);
    expect(invite).toMatch(/\r\nVia: SIP\/2\.0\/TLS /);
    expect(invite).toMatch(/\r\nContact: <sip:[^>]*;transport=tls>/);
  });

  it('answers the caller 480 once the callee has closed its TLS connection', async () => {
    phone.socket.destroy();
    await waitFor(() => phone.isClosed(), { timeoutMs: 2000, what: 'the phone connection to close' });
    const t0 = Date.now();
    const r = await placeCall(h, 'call-unavailable.xml', { caller: '1000', domain: DOMAIN, password: PASSWORD, dialed: '2000' });
    expect(r.code).toBe(0);
    // well before the 5 s ring timeout: nothing waited for an answer
    expect(Date.now() - t0).toBeLessThan(4000);
  });
});
