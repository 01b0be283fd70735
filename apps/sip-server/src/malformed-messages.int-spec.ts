import * as net from 'node:net';
import { RawSipClient } from './testing/raw-sip-client';
import { TEST_TIMERS, useSipServerWithApp } from './testing/sip-server-fixture';
import { onMethod, SDP } from './testing/srf-harness';
import { escapedMethod, futureVersion, unknownScheme, whitespaceInvite } from './testing/torture-messages';

/**
 * Torture cases in the spirit of RFC 4475: answer 400 (or 505/420) when the request is
 * answerable, drop it otherwise, never hand it to an app, never crash.
 */
describe('malformed and unusual SIP messages', () => {
  const t = useSipServerWithApp({ timers: TEST_TIMERS, maxMessageBytes: 4096 }, 'all');
  let client: RawSipClient;
  const seenByApp: string[] = [];
  /** what the app's own parser read from each INVITE, by Call-ID */
  const invitesSeen = new Map<string, { method: string; maxForwards: string; newStyle: string; vias: number; topVia: string }>();
  let n = 0;

  beforeAll(async () => {
    onMethod(t.srf, 'options', (req, res) => {
      seenByApp.push(req.get('Call-ID'));
      res.send(200);
    });
    t.srf.invite((req, res) => {
      seenByApp.push(req.get('Call-ID'));
      invitesSeen.set(req.get('Call-ID'), {
        method: req.method,
        maxForwards: req.get('Max-Forwards'),
        newStyle: req.get('NewStyleHeader'),
        vias: req.getParsedHeader('Via').length,
        topVia: req.getParsedHeader('Via')[0].host,
      });
      if (req.get('Call-ID').startsWith('dialog-')) {
        t.srf.createUAS(req, res, { localSdp: SDP }).then(
          (dlg) => dlg.on('modify', () => seenByApp.push(`modify ${req.get('Call-ID')}`)),
          () => undefined,
        );
      } else res.send(486);
    });
    client = new RawSipClient();
    await client.open();
  });

  afterAll(() => {
    client.close();
  });

  const callId = () => `torture-${++n}-${Date.now()}`;

  function options(id: string, overrides: Record<string, string | null> = {}, startLine?: string, body = ''): string {
    const headers: Record<string, string | null> = {
      Via: `SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK${id}`,
      'Max-Forwards': '70',
      From: `<sip:tester@127.0.0.1>;tag=t${id}`,
      To: '<sip:server@127.0.0.1>',
      'Call-ID': id,
      CSeq: '1 OPTIONS',
      'Content-Length': String(Buffer.byteLength(body)),
      ...overrides,
    };
    let s = `${startLine ?? 'OPTIONS sip:server@127.0.0.1 SIP/2.0'}\r\n`;
    for (const [k, v] of Object.entries(headers)) if (v !== null) s += `${k}: ${v}\r\n`;
    return `${s}\r\n${body}`;
  }

  async function expectStatus(raw: string, id: string, status: number): Promise<string> {
    client.send(raw, t.server.sipPort);
    return client.waitFor((m) => m.startsWith(`SIP/2.0 ${status} `) && m.includes(id));
  }

  /** Proves a message was dropped: a valid probe sent after it is answered, and nothing else was. */
  async function expectDropped(raw: string | Buffer, marker: string): Promise<void> {
    client.send(raw, t.server.sipPort);
    const probe = callId();
    await expectStatus(options(probe), probe, 200);
    expect(client.received.filter((m) => m.includes(marker))).toEqual([]);
  }

  it('answers a well-formed OPTIONS through the app', async () => {
    const id = callId();
    await expectStatus(options(id), id, 200);
    expect(seenByApp).toContain(id);
  });

  it('accepts compact header forms, folded lines and odd spacing', async () => {
    const id = callId();
    const raw =
      `OPTIONS sip:server@127.0.0.1 SIP/2.0\r\n` +
      `v:  SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK${id}\r\n` +
      `f: <sip:tester@127.0.0.1>\r\n ;tag=x${id}\r\n` +
      `t:<sip:server@127.0.0.1>\r\n` +
      `i: ${id}\r\n` +
      `CSeq:   1    OPTIONS\r\n` +
      `X-Unknown-Header: \t anything goes\r\n` +
      `l: 0\r\n\r\n`;
    await expectStatus(raw, id, 200);
  });

  it.each([
    ['a missing Call-ID', { 'Call-ID': null }],
    ['a missing CSeq', { CSeq: null }],
    ['a missing From', { From: null }],
    ['a CSeq method that differs from the request method', { CSeq: '1 INVITE' }],
    ['a CSeq number beyond 2^32', { CSeq: '99999999999999999999 OPTIONS' }],
    ['a non-numeric Max-Forwards', { 'Max-Forwards': 'seventy' }],
    ['a negative Content-Length', { 'Content-Length': '-5' }],
    ['a Content-Length larger than the body', { 'Content-Length': '500' }],
  ])('answers 400 to a request with %s and keeps it from the app', async (_name, o) => {
    const overrides = o as Record<string, string | null>;
    const id = callId();
    const raw = options(id, overrides);
    if (overrides['Call-ID'] === null) {
      // without a Call-ID the 400 is recognised by its branch
      client.send(raw, t.server.sipPort);
      await client.waitFor((m) => m.startsWith('SIP/2.0 400 ') && m.includes(`z9hG4bK${id}`));
    } else {
      await expectStatus(raw, id, 400);
    }
    expect(seenByApp).not.toContain(id);
  });

  it('answers 400 to a Request-URI wrapped in angle brackets', async () => {
    const id = callId();
    await expectStatus(options(id, {}, 'OPTIONS <sip:server@127.0.0.1> SIP/2.0'), id, 400);
  });

  it('answers 505 to an unsupported SIP version', async () => {
    const id = callId();
    await expectStatus(options(id, {}, 'OPTIONS sip:server@127.0.0.1 SIP/7.0'), id, 505);
  });

  it('answers 420 to a Require of an unknown extension', async () => {
    const id = callId();
    const res = await expectStatus(options(id, { Require: 'nothingSupported' }), id, 420);
    expect(res).toMatch(/Unsupported: nothingsupported/i);
  });

  describe('RFC 4475 cases', () => {
    it('accepts the whitespace INVITE (wsinv-like) and hands the app its values unfolded', async () => {
      const id = callId();
      await expectStatus(whitespaceInvite({ port: client.port, id }), id, 486);
      expect(invitesSeen.get(id)).toEqual({ method: 'INVITE', maxForwards: '0068', newStyle: 'a value that goes on over here', vias: 3, topVia: '127.0.0.1' });
    });

    it('answers the whitespace INVITE with its To tag as a request for an unknown dialog (481), not as malformed', async () => {
      const id = callId();
      await expectStatus(whitespaceInvite({ port: client.port, id, toTag: 'a1b2' }), id, 481);
    });

    it('answers 501 to INV%49TE, a method nobody implements, and keeps it from the app', async () => {
      const id = callId();
      const res = await expectStatus(escapedMethod({ port: client.port, id }), id, 501);
      expect(res).toMatch(/\r\nCSeq: 3 INV%49TE\r\n/);
      expect(seenByApp).not.toContain(id);
    });

    it('answers 400 to INV%49TE whose CSeq says INVITE, never treating it as an INVITE', async () => {
      const id = callId();
      await expectStatus(escapedMethod({ port: client.port, id }, 'INVITE'), id, 400);
      expect(seenByApp).not.toContain(id);
    });

    it('answers 501 to INV%49TE inside a dialog, so the app never reads it as a re-INVITE', async () => {
      const id = `dialog-${callId()}`;
      const head = (method: string, seq: number, toTag = '') =>
        `${method} sip:desk@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK${id}-${seq}\r\n` +
        `Max-Forwards: 70\r\nFrom: <sip:tester@127.0.0.1>;tag=f${id}\r\nTo: <sip:desk@127.0.0.1>${toTag}\r\n` +
        `Call-ID: ${id}\r\nCSeq: ${seq} ${method}\r\nContact: <sip:tester@127.0.0.1:${client.port}>\r\n`;
      const ok = await expectStatus(`${head('INVITE', 1)}Content-Type: application/sdp\r\nContent-Length: ${SDP.length}\r\n\r\n${SDP}`, id, 200);
      const toTag = /\r\nTo: [^\r]*(;tag=[^;\r]+)/i.exec(ok)?.[1] ?? '';
      expect(toTag).not.toBe('');
      client.send(`${head('ACK', 1, toTag)}Content-Length: 0\r\n\r\n`.replace(`${id}-1`, `${id}-ack`), t.server.sipPort);
      const res = await expectStatus(`${head('INV%49TE', 2, toTag)}Content-Length: 0\r\n\r\n`, `${id}-2`, 501);
      expect(res).toMatch(/\r\nCSeq: 2 INV%49TE\r\n/);
      expect(seenByApp).not.toContain(`modify ${id}`);
      await expectStatus(`${head('BYE', 3, toTag)}Content-Length: 0\r\n\r\n`, `${id}-3`, 200);
    });

    it('answers 416 to a Request-URI of an unknown scheme and keeps it from the app', async () => {
      const id = callId();
      await expectStatus(unknownScheme({ port: client.port, id }), id, 416);
      expect(seenByApp).not.toContain(id);
    });

    it('answers 505 to a SIP/7.0 request whose Via is SIP/7.0 too', async () => {
      const id = callId();
      const res = await expectStatus(futureVersion({ port: client.port, id }), id, 505);
      expect(res).toMatch(/\r\nVia: SIP\/7\.0\/UDP 127\.0\.0\.1:/);
    });
  });

  it('answers 481 to an in-dialog request for an unknown dialog', async () => {
    const id = callId();
    await expectStatus(options(id, { To: '<sip:server@127.0.0.1>;tag=nope' }), id, 481);
  });

  it('answers 481 to a CANCEL that matches no transaction', async () => {
    const id = callId();
    await expectStatus(options(id, { CSeq: '1 CANCEL' }, 'CANCEL sip:server@127.0.0.1 SIP/2.0'), id, 481);
  });

  it('drops binary garbage without answering', async () => {
    await expectDropped(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0d, 0x0a, 0x0d, 0x0a]), '\u00ff');
  });

  it('drops a request without a Via (nowhere to answer)', async () => {
    const id = callId();
    await expectDropped(options(id, { Via: null }), id);
  });

  it('drops a response that matches no client transaction', async () => {
    const id = callId();
    const raw = options(id).replace('OPTIONS sip:server@127.0.0.1 SIP/2.0', 'SIP/2.0 200 OK');
    await expectDropped(raw, id);
  });

  it('drops a UDP datagram larger than the maximum message size', async () => {
    const id = callId();
    await expectDropped(options(id, { 'X-Pad': 'x'.repeat(5000) }), id);
  });

  it('drops a truncated start line', async () => {
    const id = callId();
    await expectDropped(`INVITE ${id}\r\nCall-ID: ${id}\r\n\r\n`, id);
  });

  it('absorbs a retransmitted request so the app sees it once', async () => {
    const id = callId();
    const raw = options(id);
    client.send(raw, t.server.sipPort);
    await expectStatus(raw, id, 200);
    // a retransmission after the answer gets the stored response again, not the app
    client.send(raw, t.server.sipPort);
    await client.waitFor(() => client.received.filter((x) => x.includes(id)).length >= 2);
    expect(seenByApp.filter((x) => x === id)).toHaveLength(1);
  });

  it('keeps answering retransmissions of a completed request until Timer J, then forgets it', async () => {
    const id = callId();
    const raw = options(id);
    await expectStatus(raw, id, 200);
    const answers = () => client.received.filter((x) => x.includes(id)).length;
    // well inside 64*T1 (6.4 s here): the stored response, the app not asked again
    await new Promise((r) => setTimeout(r, 3000));
    client.send(raw, t.server.sipPort);
    await client.waitFor(() => answers() >= 2);
    expect(seenByApp.filter((x) => x === id)).toHaveLength(1);
    // past Timer J (and the sweep that follows it) the same request is a new one
    await new Promise((r) => setTimeout(r, 4500));
    client.send(raw, t.server.sipPort);
    await client.waitFor(() => answers() >= 3);
    expect(seenByApp.filter((x) => x === id)).toHaveLength(2);
  }, 15_000);

  it('absorbs a retransmission whose top Via is in compact form inside a Via list', async () => {
    const id = callId();
    const raw = options(id, {
      Via: null,
      v: `SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK${id}, SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKfar`,
    });
    await expectStatus(raw, id, 200);
    client.send(raw, t.server.sipPort);
    await client.waitFor(() => client.received.filter((x) => x.includes(id)).length >= 2);
    expect(seenByApp.filter((x) => x === id)).toHaveLength(1);
  });

  it('closes a TCP connection that announces an oversized message and keeps serving', async () => {
    const sock = net.connect({ port: t.server.sipPort, host: '127.0.0.1' });
    await new Promise<void>((r) => sock.once('connect', () => r()));
    const closed = new Promise<void>((r) => sock.once('close', () => r()));
    sock.on('error', () => undefined);
    sock.write('OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nContent-Length: 99999999\r\n\r\n');
    await closed;
    const id = callId();
    await expectStatus(options(id), id, 200);
  });
});
