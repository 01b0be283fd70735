import { waitFor } from '@branchline/testing';
import * as net from 'node:net';
import { WireDecoder, type WireMessage } from './apps/wire-framing';
import { startSipServer, type RunningSipServer } from './start-sip-server';
import { RawSipClient } from './testing/raw-sip-client';

/** Speaks the wire protocol by hand, to pin down exact server replies. */
class RawWireClient {
  readonly socket: net.Socket;
  readonly messages: WireMessage[] = [];
  closed = false;
  private readonly decoder = new WireDecoder(1 << 20);

  constructor(port: number) {
    this.socket = net.connect({ port, host: '127.0.0.1' });
    this.socket.on('data', (d) => this.messages.push(...this.decoder.push(d)));
    this.socket.on('close', () => (this.closed = true));
    this.socket.on('error', () => undefined);
  }

  send(payload: string): void {
    this.socket.write(`${Buffer.byteLength(payload)}#${payload}`);
  }

  async reply(id: string): Promise<WireMessage> {
    await waitFor(() => this.messages.some((m) => m.verb === 'response' && m.args[0] === id), { timeoutMs: 3000, what: `reply to ${id}` });
    return this.messages.find((m) => m.verb === 'response' && m.args[0] === id) as WireMessage;
  }
}

describe('drachtio wire protocol (server side)', () => {
  let server: RunningSipServer;
  const clients: RawWireClient[] = [];
  const client = () => {
    const c = new RawWireClient(server.drachtioPort);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = await startSipServer({ timers: { t1: 100, t2: 400, t4: 500 }, secret: 's3cret' });
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.socket.destroy());
    await server.close();
  });

  it('answers authenticate with OK, the SIP hostports and a version', async () => {
    const c = client();
    c.send('a1|authenticate|s3cret|tag1');
    const r = await c.reply('a1');
    expect(r.args[1]).toBe('OK');
    expect(r.args[2]).toBe(`udp/127.0.0.1:${server.sipPort},tcp/127.0.0.1:${server.sipPort}`);
    expect(r.args[3]).toMatch(/^v\d+\.\d+\.\d+/);
  });

  it('answers a wrong secret with NOK and closes the connection', async () => {
    const c = client();
    c.send('a1|authenticate|nope|');
    const r = await c.reply('a1');
    expect(r.args[1]).toBe('NOK');
    await waitFor(() => c.closed, { timeoutMs: 3000, what: 'close' });
  });

  it('closes a connection that sends anything before authenticating', async () => {
    const c = client();
    c.send('x1|route|invite');
    await waitFor(() => c.closed, { timeoutMs: 3000, what: 'close' });
    expect(c.messages).toEqual([]);
  });

  it('closes a connection with a broken length prefix', async () => {
    const c = client();
    c.socket.write('abc#x|ping');
    await waitFor(() => c.closed, { timeoutMs: 3000, what: 'close' });
  });

  it('acknowledges route, remove_route and ping', async () => {
    const c = client();
    c.send('a1|authenticate|s3cret|');
    await c.reply('a1');
    c.send('r1|route|options');
    c.send('p1|ping');
    c.send('r2|remove_route|options');
    const replies = await Promise.all(['r1', 'p1', 'r2'].map((id) => c.reply(id)));
    expect(replies.map((r) => r.args[1])).toEqual(['OK', 'OK', 'OK']);
  });

  it('delivers a routed request as a sip message with transport metadata and relays the app response', async () => {
    const c = client();
    c.send('a1|authenticate|s3cret|');
    await c.reply('a1');
    c.send('r1|route|options');
    await c.reply('r1');
    const phone = new RawSipClient();
    const phonePort = await phone.open();
    phone.send(
      `OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${phonePort};branch=z9hG4bKw1;rport\r\n` +
        'From: <sip:p@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: wire-1\r\nCSeq: 5 OPTIONS\r\nContent-Length: 0\r\n\r\n',
      server.sipPort,
    );
    await waitFor(() => c.messages.some((m) => m.verb === 'sip'), { timeoutMs: 3000, what: 'sip delivery' });
    const sip = c.messages.find((m) => m.verb === 'sip') as WireMessage;
    // sip|network|len|protocol|address|port|time|txnId|dialogId|recvAddr|recvPort
    expect(sip.args[0]).toBe('network');
    expect(Number(sip.args[1])).toBe(Buffer.byteLength(sip.body));
    expect(sip.args.slice(2, 4)).toEqual(['udp', '127.0.0.1']);
    expect(Number(sip.args[4])).toBe(phonePort);
    expect(sip.body).toMatch(/^OPTIONS sip:x@127\.0\.0\.1 SIP\/2\.0\r\n/);
    expect(sip.body).toContain(`rport=${phonePort};received=127.0.0.1`);
    const txnId = sip.args[6];
    c.send(`s1|sip|${txnId}|\r\nSIP/2.0 200 OK\r\nCall-ID: wire-1\r\nCSeq: 5 OPTIONS\r\nFrom: <sip:p@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nX-App: yes\r\nContent-Length: 0\r\n\r\n`);
    const echo = await c.reply('s1');
    expect(echo.args[1]).toBe('OK');
    expect(echo.args[8]).toBe(txnId);
    const res = await phone.waitFor((m) => m.startsWith('SIP/2.0 200 OK'));
    expect(res).toContain('X-App: yes');
    expect(res).toMatch(/To: <sip:x@127\.0\.0\.1>;tag=\w+/);
    expect(res).toContain('branch=z9hG4bKw1');
    phone.close();
  });

  it('answers NOK to an in-dialog request for an unknown dialog', async () => {
    const c = client();
    c.send('a1|authenticate|s3cret|');
    await c.reply('a1');
    c.send('s1|sip||nope;from-tag=x\r\nBYE sip:placeholder SIP/2.0\r\nContent-Length: 0\r\n\r\n');
    const r = await c.reply('s1');
    expect(r.args.slice(1, 3)).toEqual(['NOK', 'unable to find dialog']);
  });

  it('advertises the configured address instead of the bind address', async () => {
    const adv = await startSipServer({ advertisedAddress: 'pbx.branchline.test', secret: 's3cret' });
    const c = new RawWireClient(adv.drachtioPort);
    try {
      c.send('a1|authenticate|s3cret|');
      const r = await c.reply('a1');
      expect(r.args[2]).toBe(`udp/pbx.branchline.test:${adv.sipPort},tcp/pbx.branchline.test:${adv.sipPort}`);
      // a request sent by the app carries the advertised address in Via and Contact
      c.send('s1|sip||\r\nOPTIONS sip:nobody@127.0.0.1:9 SIP/2.0\r\nContent-Length: 0\r\n\r\n');
      const echo = await c.reply('s1');
      expect(echo.body).toMatch(new RegExp(`Via: SIP/2\\.0/UDP pbx\\.branchline\\.test:${adv.sipPort};branch=z9hG4bK`));
    } finally {
      c.socket.destroy();
      await adv.close();
    }
  });
});
