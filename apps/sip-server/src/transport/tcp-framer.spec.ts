import { FramingError, TcpFramer } from './tcp-framer';

const msg = (body: string) =>
  `OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('TcpFramer', () => {
  it('reports a CRLFCRLF keep-alive ping between messages, once, and not a lone CRLF', () => {
    const f = new TcpFramer(65535);
    expect(f.push(Buffer.from('\r\n'))).toEqual([]);
    expect(f.takePings()).toBe(false);
    expect(f.push(Buffer.from(`\r\n\r\n${msg('')}`)).map(String)).toEqual([msg('')]);
    expect(f.takePings()).toBe(true);
    expect(f.takePings()).toBe(false);
  });

  it('returns one message per Content-Length boundary when two arrive in one chunk', () => {
    const f = new TcpFramer(65535);
    const out = f.push(Buffer.from(msg('hello') + msg('')));
    expect(out.map((b) => b.toString())).toEqual([msg('hello'), msg('')]);
  });

  it('waits for the rest of a body split across chunks', () => {
    const f = new TcpFramer(65535);
    const whole = Buffer.from(msg('0123456789'));
    expect(f.push(whole.subarray(0, whole.length - 4))).toEqual([]);
    expect(f.push(whole.subarray(whole.length - 4)).map(String)).toEqual([msg('0123456789')]);
    expect(f.buffered).toBe(0);
  });

  it('counts multi-byte UTF-8 bodies in bytes, not characters', () => {
    const f = new TcpFramer(65535);
    const out = f.push(Buffer.from(msg('héllo') + msg('x')));
    expect(out).toHaveLength(2);
    expect(out[0].toString('utf8').endsWith('héllo')).toBe(true);
  });

  it('reads a Content-Length whose value is folded onto the next line (RFC 3261 §7.3.1)', () => {
    const f = new TcpFramer(65535);
    const folded = 'OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\nContent-Length   :\r\n   5\r\n\r\nhello';
    expect(f.push(Buffer.from(folded + msg(''))).map(String)).toEqual([folded, msg('')]);
  });

  it('skips CRLF keep-alives between messages', () => {
    const f = new TcpFramer(65535);
    expect(f.push(Buffer.from('\r\n\r\n' + msg('') + '\r\n')).map(String)).toEqual([msg('')]);
  });

  it('accepts the compact form l: for Content-Length', () => {
    const f = new TcpFramer(65535);
    const m = 'OPTIONS sip:a@b SIP/2.0\r\nl: 3\r\n\r\nabc';
    expect(f.push(Buffer.from(m)).map(String)).toEqual([m]);
  });

  it('rejects a message larger than the maximum size', () => {
    const f = new TcpFramer(100);
    expect(() => f.push(Buffer.from(msg('x'.repeat(200))))).toThrow(FramingError);
  });

  it('rejects an unterminated header block larger than the maximum size', () => {
    const f = new TcpFramer(100);
    expect(() => f.push(Buffer.from('INVITE sip:a SIP/2.0\r\n' + 'X: y\r\n'.repeat(40)))).toThrow(FramingError);
  });
});
