import type Srf from 'drachtio-srf';
import { startSipServer, type RunningSipServer } from './start-sip-server';
import { RawSipClient } from './testing/raw-sip-client';
import { freePort, runSipp } from '@branchline/testing';
import { connectSrf, disconnectSrf, onMethod } from './testing/srf-harness';

function options(client: RawSipClient, id: string, extra = ''): string {
  return (
    `OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK${id}\r\n` +
    `From: <sip:p@127.0.0.1>;tag=${id}\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: ${id}\r\nCSeq: 1 OPTIONS\r\n${extra}Content-Length: 0\r\n\r\n`
  );
}

describe('REGISTER pass-through, Max-Forwards and rate limiting', () => {
  let server: RunningSipServer;
  let srf: Srf;

  afterEach(async () => {
    disconnectSrf(srf);
    await server.close();
  });

  it('lets a registrar app challenge and accept a REGISTER with digest headers intact', async () => {
    server = await startSipServer({ timers: { t1: 100, t2: 400, t4: 500 } });
    srf = await connectSrf(server.drachtioPort);
    const authorizations: string[] = [];
    onMethod(srf, 'register', (req, res) => {
      const auth = req.get('Authorization');
      if (!auth) {
        res.send(401, { headers: { 'WWW-Authenticate': 'Digest realm="branchline", nonce="abc123", algorithm=MD5, qop="auth"' } });
        return;
      }
      authorizations.push(auth);
      res.send(200, { headers: { Contact: `${req.get('Contact')};expires=300` } });
    });
    const r = await runSipp({
      scenario: 'register-auth.xml',
      remote: `127.0.0.1:${server.sipPort}`,
      localPort: await freePort(),
      calls: 1,
      service: '101',
      extraArgs: ['-au', '101', '-ap', 'secret'],
    });
    if (r.code !== 0) process.stderr.write(r.stderr);
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 1 });
    expect(authorizations[0]).toMatch(/Digest .*username="101".*nonce="abc123"/);
  });

  it('answers 483 instead of proxying a request whose Max-Forwards is exhausted', async () => {
    server = await startSipServer({ timers: { t1: 100, t2: 400, t4: 500 } });
    srf = await connectSrf(server.drachtioPort);
    onMethod(srf, 'options', (req) => srf.proxyRequest(req, ['sip:127.0.0.1:9'], {}, () => undefined));
    const client = new RawSipClient();
    await client.open();
    client.send(options(client, 'mf0', 'Max-Forwards: 0\r\n'), server.sipPort);
    const res = await client.waitFor((m) => m.startsWith('SIP/2.0 483') && m.includes('mf0'));
    expect(res).toContain('Too Many Hops');
    client.close();
  });

  it('drops traffic beyond the per-source rate limit without starving other sources', async () => {
    server = await startSipServer({
      timers: { t1: 100, t2: 400, t4: 500 },
      rateLimitPerSource: 1,
      rateLimitBurst: 5,
      listen: [
        { transport: 'udp', host: '127.0.0.1', port: 0 },
        { transport: 'udp', host: '::1', port: 0 },
      ],
    });
    srf = await connectSrf(server.drachtioPort);
    onMethod(srf, 'options', (_req, res) => res.send(200));
    const flooder = new RawSipClient();
    await flooder.open();
    const other = new RawSipClient('::1');
    await other.open();
    for (let i = 0; i < 30; i++) flooder.send(options(flooder, `flood${i}`), server.sipPort);
    // another source is still served while 127.0.0.1 is throttled; its answer also
    // proves every admitted flood request has been answered (one app, in order)
    const v6Port = Number(/udp\/\[::1\]:(\d+)/.exec(server.hostports)?.[1]);
    other.send(options(other, 'other-source').replace(/127\.0\.0\.1:(\d+)/, '[::1]:$1'), v6Port);
    await other.waitFor((m) => m.startsWith('SIP/2.0 200') && m.includes('other-source'));
    await flooder.waitFor((m) => m.includes('flood4'));
    const answered = flooder.received.filter((m) => m.startsWith('SIP/2.0 200')).length;
    expect(answered).toBeGreaterThanOrEqual(5);
    expect(answered).toBeLessThanOrEqual(7);
    flooder.close();
    other.close();
  });
});

describe('a request no app takes', () => {
  let server: RunningSipServer;
  let client: RawSipClient;
  const apps: Srf[] = [];
  let seq = 0;

  beforeEach(async () => {
    server = await startSipServer({ timers: { t1: 100, t2: 400, t4: 500 } });
    client = new RawSipClient();
    await client.open();
  });
  afterEach(async () => {
    apps.splice(0).forEach(disconnectSrf);
    client.close();
    await server.close();
  });

  /** Sends a fresh REGISTER and returns the final response to it. */
  async function register(): Promise<string> {
    const id = `noapp${++seq}`;
    client.send(
      `REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK${id}\r\nMax-Forwards: 70\r\n` +
        `From: <sip:101@127.0.0.1>;tag=${id}\r\nTo: <sip:101@127.0.0.1>\r\nCall-ID: ${id}\r\nCSeq: 1 REGISTER\r\n` +
        `Contact: <sip:101@127.0.0.1:${client.port}>\r\nContent-Length: 0\r\n\r\n`,
      server.sipPort,
    );
    return client.waitFor((m) => /^SIP\/2\.0 [2-6]\d\d/.test(m) && m.includes(`Call-ID: ${id}`));
  }

  /** Sends REGISTERs until one is answered with `status` (routes reach the server just after the app connects). */
  async function registerUntil(status: number): Promise<string> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const res = await register();
      if (res.startsWith(`SIP/2.0 ${status} `) || Date.now() > deadline) return res;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function app(method: 'register' | 'message'): Promise<Srf> {
    const srf = await connectSrf(server.drachtioPort);
    apps.push(srf);
    onMethod(srf, method, (_req, res) => res.send(200));
    return srf;
  }

  it('is answered 503 with Retry-After while no app is connected', async () => {
    const res = await register();
    expect(res).toMatch(/^SIP\/2\.0 503 /);
    expect(res).toMatch(/\r\nRetry-After: 5\r\n/i);
  });

  it('is answered 405 with Allow when apps are up and none has ever taken its method', async () => {
    await app('message');
    // an app is connected, so once its route has arrived the answer is 405 rather than 503
    const res = await registerUntil(405);
    expect(res).toMatch(/^SIP\/2\.0 405 /);
    const allow = /\r\nAllow: ([^\r]*)\r\n/i.exec(res)?.[1].split(/,\s*/);
    expect(allow).toEqual(expect.arrayContaining(['MESSAGE', 'OPTIONS', 'CANCEL']));
    expect(allow).not.toContain('REGISTER');
  });

  it('is answered 503 with Retry-After, not 404 or 405, while the app that took its method is away (a registrar restarting)', async () => {
    await app('message');
    const registrar = await app('register');
    expect(await registerUntil(200)).toMatch(/^SIP\/2\.0 200 /);
    disconnectSrf(registrar);
    const res = await registerUntil(503);
    expect(res).toMatch(/^SIP\/2\.0 503 /);
    expect(res).toMatch(/\r\nRetry-After: 5\r\n/i);
    // and it is served again once a registrar is back
    await app('register');
    expect(await registerUntil(200)).toMatch(/^SIP\/2\.0 200 /);
  });
});
