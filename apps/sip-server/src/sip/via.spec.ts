import { parseVia, responseTarget, sentBy, stampReceived, stringifyVia } from './via';

describe('Via handling', () => {
  it('parses protocol, host, port and params', () => {
    const v = parseVia('SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKabc;rport');
    expect(v.protocol).toBe('UDP');
    expect(v.host).toBe('10.0.0.1');
    expect(v.port).toBe(5070);
    expect(v.params.get('branch')).toBe('z9hG4bKabc');
    expect(v.params.get('rport')).toBeNull();
  });

  it('parses a bracketed IPv6 sent-by', () => {
    const v = parseVia('SIP/2.0/TCP [::1]:5080;branch=z9hG4bKx');
    expect(v.host).toBe('[::1]');
    expect(sentBy(v)).toBe('[::1]:5080');
  });

  it('refuses a Via of another SIP version unless asked, and then writes it back as it came', () => {
    expect(() => parseVia('SIP/7.0/UDP 10.0.0.1;branch=z9hG4bKv')).toThrow();
    const v = parseVia('SIP/7.0/UDP 10.0.0.1;branch=z9hG4bKv', true);
    expect(v.version).toBe('7.0');
    expect(stringifyVia(v)).toBe('SIP/7.0/UDP 10.0.0.1;branch=z9hG4bKv');
    expect(parseVia('SIP/2.0/UDP 10.0.0.1', true).version).toBeUndefined();
  });

  it('rejects garbage', () => {
    expect(() => parseVia('SIP/2.0 nonsense')).toThrow();
    expect(() => parseVia('SIP/2.0/UDP host:99999')).toThrow();
  });

  it('adds received and fills rport (RFC 3581) and routes the response there', () => {
    const v = parseVia('SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bKx;rport');
    stampReceived(v, '127.0.0.1', 40000);
    expect(stringifyVia(v)).toBe('SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bKx;rport=40000;received=127.0.0.1');
    expect(responseTarget(v)).toEqual({ address: '127.0.0.1', port: 40000 });
  });

  it('uses the sent-by port when the client did not ask for rport (RFC 3261 §18.2.2)', () => {
    const v = parseVia('SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bKx');
    stampReceived(v, '127.0.0.1', 40000);
    expect(v.params.has('received')).toBe(false);
    expect(responseTarget(v)).toEqual({ address: '127.0.0.1', port: 5090 });
  });

  it('defaults the port to 5060', () => {
    const v = parseVia('SIP/2.0/UDP example.com;branch=z9hG4bKx');
    stampReceived(v, '127.0.0.2', 1234);
    expect(responseTarget(v)).toEqual({ address: '127.0.0.2', port: 5060 });
  });
});
