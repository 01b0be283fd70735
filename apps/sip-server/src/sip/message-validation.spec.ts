import { escapedMethod, futureVersion, unknownScheme, whitespaceInvite } from '../testing/torture-messages';
import type { InboundPacket } from '../transport/transport-layer';
import { malformedResponse, validateMessage } from './message-validation';
import { SipMessage, type SipParseError } from './sip-message';
import { parseVia } from './via';

const PORT = 40123;

function packet(raw: string): InboundPacket {
  return { data: Buffer.from(raw), transport: 'udp', remoteAddress: '127.0.0.1', remotePort: PORT, localAddress: '127.0.0.1', localPort: 5060 };
}

/** Parses and validates as the server does; returns the parsed message or the status it would answer. */
function check(raw: string): { msg?: SipMessage; status?: number; response?: string; dest?: object } {
  try {
    const msg = SipMessage.parse(raw);
    validateMessage(msg, raw, raw.indexOf('\r\n\r\n'));
    return { msg };
  } catch (err) {
    const e = err as SipParseError;
    const answer = malformedResponse(raw, packet(raw), e.message, e.status);
    return { status: answer ? Number(answer.data.slice(8, 11)) : undefined, response: answer?.data, dest: answer?.dest };
  }
}

function options(extra: Record<string, string>, startLine = 'OPTIONS sip:desk@127.0.0.1 SIP/2.0'): string {
  const h: Record<string, string> = {
    Via: `SIP/2.0/UDP 127.0.0.1:${PORT};branch=z9hG4bKmf`,
    From: '<sip:a@127.0.0.1>;tag=1',
    To: '<sip:desk@127.0.0.1>',
    'Call-ID': 'mf-test',
    CSeq: '1 OPTIONS',
    ...extra,
  };
  return `${startLine}\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}\r\n`).join('')}Content-Length: 0\r\n\r\n`;
}

describe('RFC 4475 whitespace INVITE (wsinv-like)', () => {
  const raw = whitespaceInvite({ port: PORT, id: 'ws1' });

  it('is accepted', () => {
    expect(check(raw)).toEqual({ msg: expect.any(SipMessage) });
  });

  it('unfolds every folded header value into one line', () => {
    const m = SipMessage.parse(raw);
    for (const [name, values] of m.headers) for (const v of values) expect([name, v]).toEqual([name, expect.not.stringMatching(/[\r\n]/)]);
    expect(m.get('newstyleheader')).toBe('a value that goes on over here');
    expect(m.cseq).toEqual({ seq: 9, method: 'INVITE' });
    expect(m.fromTag).toBe('fws1');
  });

  it('reads the folded top Via and keeps all three Via entries in order', () => {
    const m = SipMessage.parse(raw);
    const vias = m.getAll('via').map((v) => parseVia(v));
    expect(vias.map((v) => [v.protocol, v.host, v.params.get('branch')])).toEqual([
      ['UDP', '127.0.0.1', 'z9hG4bKws1'],
      ['TCP', 'relay.example.net', 'z9hG4bKrelay7'],
      ['UDP', '192.0.2.77', 'z9hG4bKorigin3'],
    ]);
    expect(vias[0].port).toBe(PORT);
  });

  it('leaves the body byte for byte as sent', () => {
    const m = SipMessage.parse(raw);
    expect(m.body).toBe(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(m.body).toContain('m=video 41002 RTP/AVP 96\r\n');
  });

  it('is also accepted with the To tag the RFC message carries', () => {
    const m = check(whitespaceInvite({ port: PORT, id: 'ws2', toTag: '77x9' })).msg;
    expect(m?.toTag).toBe('77x9');
  });
});

describe('Max-Forwards', () => {
  it.each([
    ['0068', true],
    ['70', true],
    ['0', true],
    ['255', true],
    ['00000000000000000070', true],
    ['256', false],
    ['seventy', false],
    ['-1', false],
    ['7 0', false],
  ])('%s is accepted: %s', (value, ok) => {
    expect(check(options({ 'Max-Forwards': value })).status).toBe(ok ? undefined : 400);
  });
});

describe('the request method', () => {
  it('is taken as written, never percent-decoded', () => {
    const m = SipMessage.parse(escapedMethod({ port: PORT, id: 'em1' }));
    expect(m.method).toBe('INV%49TE');
    expect(check(escapedMethod({ port: PORT, id: 'em1' })).msg?.method).toBe('INV%49TE');
  });

  it('does not match a CSeq of INVITE when written INV%49TE (400)', () => {
    expect(check(escapedMethod({ port: PORT, id: 'em2' }, 'INVITE')).status).toBe(400);
  });
});

describe('the Request-URI scheme', () => {
  it.each([
    ['cheesecake:slice-of-the-day', 416],
    ['unknownscheme:opaque-content', 416],
    ['http://example.com/', 416],
    ['foo:bar', 416],
    ['sip:desk@127.0.0.1', undefined],
    ['sips:desk@127.0.0.1', undefined],
    ['tel:+4930123456', undefined],
    ['urn:service:sos', undefined],
  ])('%s is answered %s', (uri, status) => {
    const r = check(unknownScheme({ port: PORT, id: `sch-${uri}` }, uri));
    expect(r.status).toBe(status);
    if (status) expect(r.response).toMatch(/^SIP\/2\.0 416 Unsupported URI Scheme\r\n/);
  });
});

describe('the SIP version', () => {
  it('SIP/7.0 with a SIP/7.0 Via gets 505 sent back along that Via', () => {
    const r = check(futureVersion({ port: PORT, id: 'v7' }));
    expect(r.status).toBe(505);
    expect(r.response).toMatch(/^SIP\/2\.0 505 Version Not Supported\r\n/);
    expect(r.response).toMatch(new RegExp(`\r\nVia: SIP/7\\.0/UDP 127\\.0\\.0\\.1:${PORT};branch=z9hG4bKv7`));
    expect(r.dest).toEqual({ transport: 'udp', address: '127.0.0.1', port: PORT });
  });
});
