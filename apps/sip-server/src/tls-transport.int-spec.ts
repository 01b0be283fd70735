import { copyFileSync, readFileSync } from 'node:fs';
import * as net from 'node:net';

import { TEST_TIMERS } from './testing/sip-server-fixture';
import { connectTls, phoneRequest, TestPki, waitFor, type TestCertificate, type TlsSipClient } from '@branchline/testing';
import { startSipServer, type RunningSipServer, type SipServerOptions } from './start-sip-server';
import type { TlsSettings } from './transport/tls-certificates';

const LISTEN: SipServerOptions['listen'] = [
  { transport: 'udp', host: '127.0.0.1', port: 0 },
  { transport: 'tcp', host: '127.0.0.1', port: 0 },
  { transport: 'tls', host: '127.0.0.1', port: 0 },
];

function tlsPort(server: RunningSipServer): number {
  const m = /tls\/127\.0\.0\.1:(\d+)/.exec(server.hostports);
  if (!m) throw new Error(`no tls hostport in ${server.hostports}`);
  return Number(m[1]);
}

function peerName(c: TlsSipClient): string {
  return c.socket.getPeerCertificate().subject.CN as string;
}

/** The verification error a client that trusts `ca` meets, asking for `servername`. */
async function refusal(port: number, ca: string, servername: string): Promise<string> {
  try {
    const c = await connectTls(port, ca, servername);
    c.socket.destroy();
    return 'accepted';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

async function optionsAnswered(c: TlsSipClient): Promise<string> {
  const { id, text } = phoneRequest(c, 'OPTIONS', 'sip:127.0.0.1');
  c.socket.write(text);
  await waitFor(() => c.messages.some((m) => m.includes(`Call-ID: ${id}`)), { timeoutMs: 5000, what: `the answer to ${id}` });
  return c.messages.find((m) => m.includes(`Call-ID: ${id}`)) as string;
}

describe('SIP over TLS: listener, certificates, keep-alive', () => {
  const pki = new TestPki();
  const acme = pki.issue('acme.test', ['acme.test', '127.0.0.1']);
  const sipAcme = pki.issue('sip.acme.test', ['sip.acme.test']);
  const globex = pki.issue('globex.test', ['*.globex.test']);
  let server: RunningSipServer;
  const clients: TlsSipClient[] = [];

  const start = async (tlsSettings: Partial<TlsSettings> & { default: TestCertificate }, extra: SipServerOptions = {}) => {
    server = await startSipServer({ listen: LISTEN, timers: TEST_TIMERS, tls: { sni: [], handshakeTimeoutMs: 5000, ...tlsSettings }, ...extra });
  };
  const track = async (p: Promise<TlsSipClient>) => {
    const c = await p;
    clients.push(c);
    return c;
  };

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.socket.destroy());
    await server?.close();
  });
  afterAll(() => pki.remove());

  it('listens on tls:addr:port, answers over TLS with the default certificate, and reports tls in hostports', async () => {
    await start({ default: acme });
    expect(server.hostports).toMatch(/udp\/127\.0\.0\.1:\d+,tcp\/127\.0\.0\.1:\d+,tls\/127\.0\.0\.1:\d+/);
    const c = await track(connectTls(tlsPort(server), readCa(pki), 'acme.test'));
    expect(peerName(c)).toBe('acme.test');
    // no app is connected: the server answers OPTIONS itself, over the same TLS connection
    expect(await optionsAnswered(c)).toMatch(/^SIP\/2\.0 503 /);
  });

  it('picks the certificate per SNI name: exact, wildcard, else the default', async () => {
    await start({
      default: acme,
      sni: [
        { servername: 'sip.acme.test', ...sipAcme },
        { servername: '*.globex.test', ...globex },
      ],
    });
    const port = tlsPort(server);
    expect(peerName(await track(connectTls(port, readCa(pki), 'sip.acme.test')))).toBe('sip.acme.test');
    expect(peerName(await track(connectTls(port, readCa(pki), 'pbx.globex.test')))).toBe('globex.test');
    expect(peerName(await track(connectTls(port, readCa(pki), 'acme.test')))).toBe('acme.test');
  });

  it('is refused by a verifying client for an expired certificate, a wrong host and an unknown CA', async () => {
    const expired = pki.issue('acme.test', ['acme.test'], -1);
    await start({ default: expired, sni: [{ servername: 'sip.acme.test', ...sipAcme }] });
    const port = tlsPort(server);
    expect(await refusal(port, readCa(pki), 'acme.test')).toBe('CERT_HAS_EXPIRED');
    // the same server's valid SNI certificate is accepted: the refusal above is the expiry
    expect(await refusal(port, readCa(pki), 'sip.acme.test')).toBe('accepted');
    await server.close();
    await start({ default: sipAcme });
    expect(await refusal(tlsPort(server), readCa(pki), 'acme.test')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    const stranger = new TestPki('Unknown CA');
    try {
      expect(await refusal(tlsPort(server), readCa(stranger), 'sip.acme.test')).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      stranger.remove();
    }
  });

  it('reloads certificates: a new connection gets the new one, a connection already up goes on', async () => {
    const live = { certFile: `${pki.dir}/live.pem`, keyFile: `${pki.dir}/live.key` };
    copyFileSync(acme.certFile, live.certFile);
    copyFileSync(acme.keyFile, live.keyFile);
    await start({ default: live });
    const before = await track(connectTls(tlsPort(server), readCa(pki), 'acme.test'));
    const oldSerial = before.socket.getPeerCertificate().serialNumber;
    const renewed = pki.issue('acme.test', ['acme.test']);
    copyFileSync(renewed.certFile, live.certFile);
    copyFileSync(renewed.keyFile, live.keyFile);
    server.reloadCertificates();
    const after = await track(connectTls(tlsPort(server), readCa(pki), 'acme.test'));
    expect(after.socket.getPeerCertificate().serialNumber).not.toBe(oldSerial);
    expect(await optionsAnswered(before)).toMatch(/^SIP\/2\.0 503 /);
    expect(before.isClosed()).toBe(false);
  });

  it('keeps the certificates in use when a reload meets a bad file', async () => {
    const live = { certFile: `${pki.dir}/bad.pem`, keyFile: `${pki.dir}/bad.key` };
    copyFileSync(acme.certFile, live.certFile);
    copyFileSync(acme.keyFile, live.keyFile);
    await start({ default: live });
    copyFileSync(sipAcme.keyFile, live.certFile);
    expect(() => server.reloadCertificates()).toThrow();
    expect(peerName(await track(connectTls(tlsPort(server), readCa(pki), 'acme.test')))).toBe('acme.test');
  });

  it('answers a CRLFCRLF keep-alive ping with a CRLF pong, on TLS and on TCP (RFC 5626 §4.4.1)', async () => {
    await start({ default: acme });
    const c = await track(connectTls(tlsPort(server), readCa(pki), 'acme.test'));
    c.socket.write('\r\n\r\n');
    await waitFor(() => c.raw() === '\r\n', { timeoutMs: 3000, what: 'a CRLF pong over TLS' });
    const tcp = net.connect({ host: '127.0.0.1', port: server.sipPort });
    let got = '';
    tcp.on('data', (d) => (got += d.toString()));
    await new Promise((r) => tcp.once('connect', r));
    tcp.write('\r\n\r\n');
    await waitFor(() => got === '\r\n', { timeoutMs: 3000, what: 'a CRLF pong over TCP' });
    tcp.destroy();
  });

  it('closes a connection whose handshake does not finish in time, and caps connections per source', async () => {
    await start({ default: acme, handshakeTimeoutMs: 300 }, { tcpMaxConnectionsPerSource: 2 });
    const port = tlsPort(server);
    const silent = net.connect({ host: '127.0.0.1', port });
    const closed = new Promise<number>((r) => {
      const t0 = Date.now();
      silent.once('close', () => r(Date.now() - t0));
    });
    silent.on('error', () => undefined);
    expect(await closed).toBeLessThan(3000);
    await track(connectTls(port, readCa(pki), 'acme.test'));
    await track(connectTls(port, readCa(pki), 'acme.test'));
    await expect(connectTls(port, readCa(pki), 'acme.test')).rejects.toThrow();
    expect(server.transportStats().refusedConnections).toBe(1);
  });
});

function readCa(pki: TestPki): string {
  return readFileSync(pki.caFile, 'utf8');
}
