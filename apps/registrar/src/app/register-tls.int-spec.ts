import { copyFileSync, readFileSync } from 'node:fs';
import { connectTls, registerOverTls, TestPki, waitFor, type TlsSipClient } from '@branchline/testing';
import { createPhones, startRegistrar, type RegistrarHarness } from '../testing/registrar-harness';

const PASSWORD = 'Phone-Secret-2026!';
const DOMAIN = 'acme.example';
const reg = (p: TlsSipClient, user: string) => registerOverTls(p, user, DOMAIN, PASSWORD);

/** Phones registering over TLS through the real sip-server process and the registrar. */
describe('REGISTER over TLS (sip-server process with a test CA)', () => {
  const pki = new TestPki();
  const live = { certFile: `${pki.dir}/live.pem`, keyFile: `${pki.dir}/live.key` };
  let h: RegistrarHarness;
  let acme: { id: string };
  const phones: TlsSipClient[] = [];
  const phone = async () => {
    const p = await connectTls(h.sip.tlsPort as number, readFileSync(pki.caFile, 'utf8'), 'sip.acme.example');
    phones.push(p);
    return p;
  };

  beforeAll(async () => {
    const cert = pki.issue('sip.acme.example', ['sip.acme.example']);
    copyFileSync(cert.certFile, live.certFile);
    copyFileSync(cert.keyFile, live.keyFile);
    h = await startRegistrar('register-tls', { DIGEST_ALGORITHM: 'MD5', LOCKOUT_THRESHOLD: '1000' }, { SIP_TLS_CERT_FILE: live.certFile, SIP_TLS_KEY_FILE: live.keyFile });
    acme = await createPhones(h, DOMAIN, ['1001', '1002'], PASSWORD);
  });
  afterAll(async () => {
    phones.forEach((p) => p.socket.destroy());
    await h.close();
    pki.remove();
  });

  it('registers a phone over TLS and stores its TLS connection as where it is', async () => {
    const p = await phone();
    expect(await reg(p, '1001')).toMatch(/^SIP\/2\.0 200 /);
    const [b] = await h.location.lookup(acme.id, '1001');
    expect(b).toMatchObject({
      contact: expect.stringMatching(/;transport=tls$/),
      source: { address: '127.0.0.1', port: p.socket.localPort, transport: 'tls' },
    });
  });

  it('serves a renewed certificate after SIGHUP while a connection already up keeps working', async () => {
    const before = await phone();
    const oldSerial = before.socket.getPeerCertificate().serialNumber;
    const renewed = pki.issue('sip.acme.example', ['sip.acme.example']);
    copyFileSync(renewed.certFile, live.certFile);
    copyFileSync(renewed.keyFile, live.keyFile);
    h.sip.signal('SIGHUP');
    await waitFor(
      async () => {
        const p = await phone();
        return p.socket.getPeerCertificate().serialNumber !== oldSerial;
      },
      { timeoutMs: 5000, what: 'a new connection to get the renewed certificate' },
    );
    expect(await reg(before, '1002')).toMatch(/^SIP\/2\.0 200 /);
  });
});
