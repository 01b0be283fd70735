import { copyFileSync, readFileSync } from 'node:fs';
import { computeHa1, hashHex, parseDigestAuthorization } from '@branchline/digest';
import { connectTls, phoneRequest, TestPki, waitFor, type TlsSipClient } from '@branchline/testing';
import { createPhones, startRegistrar, type RegistrarHarness } from '../testing/registrar-harness';

const PASSWORD = 'Phone-Secret-2026!';
const DOMAIN = 'acme.example';

/** The response to the request with Call-ID `id` and CSeq `cseq` the phone has received. */
async function answerTo(phone: TlsSipClient, id: string, cseq: number): Promise<string> {
  const match = (m: string) => m.includes(`Call-ID: ${id}`) && new RegExp(`\\r\\nCSeq: ${cseq} `).test(m);
  await waitFor(() => phone.messages.some(match), { timeoutMs: 5000, what: `the answer to ${id}/${cseq}` });
  return phone.messages.find(match) as string;
}

/** REGISTER over the phone's TLS connection, digest auth (MD5) and all; the final response. */
async function registerOverTls(phone: TlsSipClient, user: string): Promise<string> {
  const first = phoneRequest(phone, 'REGISTER', `sip:${DOMAIN}`);
  const request = (cseq: number, auth?: string) =>
    first.text
      .replace(/alice@acme\.test/g, `${user}@${DOMAIN}`)
      .replace(/branch=z9hG4bK[^;]+/, `branch=z9hG4bK${first.id}-${cseq}`)
      .replace('CSeq: 1 REGISTER', `CSeq: ${cseq} REGISTER`)
      .replace('Content-Length: 0', `Expires: 300\r\n${auth ? `Authorization: ${auth}\r\n` : ''}Content-Length: 0`);
  phone.socket.write(request(1));
  const challenge = await answerTo(phone, first.id, 1);
  expect(challenge).toMatch(/^SIP\/2\.0 401 /);
  const header = /\r\nWWW-Authenticate: ([^\r]+)/i.exec(challenge)?.[1] ?? '';
  const c = parseDigestAuthorization(header) as Record<string, string>;
  const uri = `sip:${DOMAIN}`;
  const ha1 = computeHa1('MD5', user, c['realm'], PASSWORD);
  const ha2 = hashHex('MD5', `REGISTER:${uri}`);
  const nc = '00000001';
  const cnonce = 'tlsphone';
  const response = hashHex('MD5', `${ha1}:${c['nonce']}:${nc}:${cnonce}:auth:${ha2}`);
  const auth = `Digest username="${user}", realm="${c['realm']}", nonce="${c['nonce']}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
  phone.socket.write(request(2, auth));
  return answerTo(phone, first.id, 2);
}

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
    expect(await registerOverTls(p, '1001')).toMatch(/^SIP\/2\.0 200 /);
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
    expect(await registerOverTls(before, '1002')).toMatch(/^SIP\/2\.0 200 /);
  });
});
