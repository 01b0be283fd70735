import { readFileSync } from 'node:fs';
import type Srf from 'drachtio-srf';

import { TEST_TIMERS, useSipServerWithApp } from './testing/sip-server-fixture';
import { onMethod, SDP } from './testing/srf-harness';
import { connectTls, phoneAnswer, phoneRequest, TestPki, waitFor, type TlsSipClient } from '@branchline/testing';

const pki = new TestPki();
const cert = pki.issue('acme.test', ['acme.test']);
afterAll(() => pki.remove());

/** Calls `uri` from the app; the final status (a 2xx dialog is hung up at once). */
async function callStatus(srf: Srf, uri: string): Promise<number> {
  try {
    const dlg = await srf.createUAC(uri, { localSdp: SDP });
    dlg.destroy();
    return 200;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}

/** The phone answers the next INVITE it receives with `status`; resolves with that INVITE. */
async function answerNextInvite(phone: TlsSipClient, status: number, reason: string): Promise<string> {
  const seen = phone.messages.length;
  await waitFor(() => phone.messages.slice(seen).some((m) => m.startsWith('INVITE ')), { timeoutMs: 5000, what: 'an INVITE on the phone connection' });
  const invite = phone.messages.slice(seen).find((m) => m.startsWith('INVITE ')) as string;
  phone.socket.write(phoneAnswer(invite, status, reason));
  return invite;
}

describe('TLS phones through a drachtio-srf app', () => {
  const t = useSipServerWithApp({
    timers: TEST_TIMERS,
    listen: [
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tls', host: '127.0.0.1', port: 0 },
    ],
    tls: { default: cert, sni: [], handshakeTimeoutMs: 5000 },
  });
  let phone: TlsSipClient;

  beforeEach(async () => {
    const port = Number(/tls\/127\.0\.0\.1:(\d+)/.exec(t.server.hostports)?.[1]);
    phone = await connectTls(port, readFileSync(pki.caFile, 'utf8'), 'acme.test');
    // as a phone does before anyone calls it: a request, answered (TLS 1.3 lets the client
    // finish its handshake before the server has, so the connection is known only after this)
    const { id, text } = phoneRequest(phone, 'OPTIONS', 'sip:acme.test');
    phone.socket.write(text);
    await waitFor(() => phone.messages.some((m) => m.includes(id)), { timeoutMs: 5000, what: 'the answer to the first OPTIONS' });
  });
  afterEach(() => phone.socket.destroy());

  it('tells the app a REGISTER came over tls, from the phone address and port, and answers on its connection', async () => {
    let seen: { protocol?: string; address?: string; port?: number; via?: string } = {};
    onMethod(t.srf, 'register', (req, res) => {
      seen = { protocol: req.protocol, address: req.source_address, port: Number(req.source_port), via: req.get('Via') };
      res.send(200);
    });
    const { id, text } = phoneRequest(phone, 'REGISTER', 'sip:acme.test');
    phone.socket.write(text);
    await waitFor(() => phone.messages.some((m) => m.startsWith('SIP/2.0 200') && m.includes(id)), { timeoutMs: 5000, what: 'the 200 to REGISTER' });
    expect(seen).toMatchObject({ protocol: 'tls', address: '127.0.0.1', port: phone.socket.localPort });
    expect(seen.via).toMatch(/^SIP\/2\.0\/TLS /);
    expect(t.server.hostports).toMatch(/tls\/127\.0\.0\.1:\d+/);
  });

  it('reaches a TLS phone over its own connection, and answers 480 once the phone has closed it', async () => {
    const contact = `sip:alice@127.0.0.1:${phone.socket.localPort};transport=tls`;
    const [status, invite] = await Promise.all([callStatus(t.srf, contact), answerNextInvite(phone, 486, 'Busy Here')]);
    expect(status).toBe(486);
    expect(invite).toMatch(/\r\nVia: SIP\/2\.0\/TLS 127\.0\.0\.1:\d+;branch=/);
    expect(invite).toMatch(/\r\nContact: <sip:[^>]*;transport=tls>/);
    phone.socket.destroy();
    await waitFor(() => phone.isClosed(), { timeoutMs: 2000, what: 'the phone connection to close' });
    const t0 = Date.now();
    expect(await callStatus(t.srf, contact)).toBe(480);
    // at once, not after Timer B (64*T1)
    expect(Date.now() - t0).toBeLessThan(32 * TEST_TIMERS.t1);
  });

  it('sends requests for a Via sent-by with alias over the connection it came on (RFC 5923)', async () => {
    onMethod(t.srf, 'options', (_req, res) => res.send(200));
    const { id, text } = phoneRequest(phone, 'OPTIONS', 'sip:acme.test', { via: '127.0.0.1:5999;alias' });
    phone.socket.write(text);
    await waitFor(() => phone.messages.some((m) => m.includes(id)), { timeoutMs: 5000, what: 'the answer to OPTIONS' });
    const [status] = await Promise.all([callStatus(t.srf, 'sip:alice@127.0.0.1:5999;transport=tls'), answerNextInvite(phone, 603, 'Decline')]);
    expect(status).toBe(603);
    // a sent-by without alias opens no such path: nothing listens there for us
    expect(await callStatus(t.srf, 'sip:alice@127.0.0.1:5998;transport=tls')).toBe(480);
  });

  it('uses TLS for a sips: Request-URI', async () => {
    const [status, invite] = await Promise.all([
      callStatus(t.srf, `sips:alice@127.0.0.1:${phone.socket.localPort}`),
      answerNextInvite(phone, 486, 'Busy Here'),
    ]);
    expect(status).toBe(486);
    expect(invite).toMatch(/^INVITE sips:alice@/);
  });
});
