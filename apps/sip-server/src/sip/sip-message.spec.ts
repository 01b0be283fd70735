import { canonicalHeaderName, randomToken, SipMessage, splitHeaderList, uriOfNameAddr } from './sip-message';

const INVITE =
  'INVITE sip:bob@127.0.0.1 SIP/2.0\r\n' +
  'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n' +
  'v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK0\r\n' +
  'f: "Alice, A" <sip:alice@x>;tag=abc\r\n' +
  'To: <sip:bob@y>\r\n' +
  'i: call-1\r\n' +
  'CSeq: 7 INVITE\r\n' +
  'Record-Route: <sip:p1;lr>, <sip:p2;lr>\r\n' +
  'Content-Type: text/plain\r\n' +
  'Content-Length: 6\r\n\r\nhéllo';

describe('SipMessage', () => {
  it('parses compact headers through drachtio-srf and keeps list entries separate', () => {
    const m = SipMessage.parse(INVITE);
    expect(m.method).toBe('INVITE');
    expect(m.getAll('via')).toHaveLength(2);
    expect(m.getAll('record-route')).toEqual(['<sip:p1;lr>', '<sip:p2;lr>']);
    expect(m.callId).toBe('call-1');
    expect(m.cseq).toEqual({ seq: 7, method: 'INVITE' });
    expect(m.fromTag).toBe('abc');
    expect(m.toTag).toBeUndefined();
  });

  it('serialises with a byte-exact Content-Length', () => {
    const m = SipMessage.parse(INVITE);
    const out = m.toString();
    expect(out).toContain('Content-Length: 6\r\n\r\nhéllo');
    expect(out).toContain('Call-ID: call-1\r\n');
    expect(out.match(/^Via: /gm)).toHaveLength(2);
  });

  it('throws on a message with a bad start line', () => {
    expect(() => SipMessage.parse('HELLO\r\n\r\n')).toThrow();
  });

  it('prepends a header as the first line when absent', () => {
    const m = SipMessage.parse(INVITE);
    m.remove('via');
    m.prepend('via', 'SIP/2.0/UDP 1.1.1.1;branch=z9hG4bKn');
    expect(m.toString().split('\r\n')[1]).toBe('Via: SIP/2.0/UDP 1.1.1.1;branch=z9hG4bKn');
  });
});

describe('header helpers', () => {
  it('splits lists on commas outside quotes and brackets', () => {
    expect(splitHeaderList('"a, b" <sip:x;p=1,2>, <sip:y>')).toEqual(['"a, b" <sip:x;p=1,2>', '<sip:y>']);
  });

  it('extracts the URI of a name-addr or addr-spec', () => {
    expect(uriOfNameAddr('"Bob" <sip:bob@h;transport=tcp>;expires=3')).toBe('sip:bob@h;transport=tcp');
    expect(uriOfNameAddr('sip:bob@h;expires=3')).toBe('sip:bob@h');
  });

  it('canonicalises well-known header names', () => {
    expect(canonicalHeaderName('call-id')).toBe('Call-ID');
    expect(canonicalHeaderName('cseq')).toBe('CSeq');
    expect(canonicalHeaderName('x-custom')).toBe('X-Custom');
    expect(canonicalHeaderName('X-Keep')).toBe('X-Keep');
  });
});

describe('randomToken', () => {
  it('gives distinct lower-case hex tokens of the asked size, also across pool refills', () => {
    const tokens = Array.from({ length: 3000 }, () => randomToken(6));
    expect(tokens.every((t) => /^[0-9a-f]{12}$/.test(t))).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(randomToken(5000)).toMatch(/^[0-9a-f]{10000}$/);
  });
});
