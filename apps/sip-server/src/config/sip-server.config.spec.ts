import { loadConfig } from './sip-server.config';
import { tlsSettingsOf } from './tls-config';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.DRACHTIO_PORT).toBe(9022);
    expect(c.DRACHTIO_SECRET).toBe('cymru');
    expect(c.SIP_LISTEN).toEqual([
      { transport: 'udp', host: '127.0.0.1', port: 5060 },
      { transport: 'tcp', host: '127.0.0.1', port: 5060 },
    ]);
    expect(c.SIP_T1_MS).toBe(500);
    expect(c.SIP_UDP_RECV_BUFFER_BYTES).toBe(4 * 1024 * 1024);
    expect([c.SIP_RATE_LIMIT_PER_SOURCE, c.SIP_RATE_LIMIT_BURST]).toEqual([500, 1000]);
    expect(c.SIP_TCP_MAX_CONNECTIONS_PER_SOURCE).toBe(128);
    expect(c.SIP_TCP_MESSAGE_TIMEOUT_MS).toBe(5000);
    expect(c.SIP_TCP_IDLE_TIMEOUT_SECONDS).toBe(300);
  });

  it('parses IPv6 listen entries in brackets', () => {
    const c = loadConfig({ SIP_LISTEN: 'udp:[::1]:5080,tcp:127.0.0.1:0' });
    expect(c.SIP_LISTEN).toEqual([
      { transport: 'udp', host: '::1', port: 5080 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ]);
  });

  it('parses a tls listen entry with its certificate files and SNI certificates', () => {
    const c = loadConfig({
      SIP_LISTEN: 'tls:0.0.0.0:5061',
      SIP_TLS_CERT_FILE: '/etc/sip/cert.pem',
      SIP_TLS_KEY_FILE: '/etc/sip/key.pem',
      SIP_TLS_SNI: 'sip.acme.test=/etc/sip/acme.pem:/etc/sip/acme.key, *.globex.test=/g.pem:/g.key:/g-chain.pem',
    });
    expect(c.SIP_LISTEN).toEqual([{ transport: 'tls', host: '0.0.0.0', port: 5061 }]);
    expect(tlsSettingsOf(c)).toEqual({
      default: { certFile: '/etc/sip/cert.pem', keyFile: '/etc/sip/key.pem', chainFile: undefined },
      sni: [
        { servername: 'sip.acme.test', certFile: '/etc/sip/acme.pem', keyFile: '/etc/sip/acme.key' },
        { servername: '*.globex.test', certFile: '/g.pem', keyFile: '/g.key', chainFile: '/g-chain.pem' },
      ],
      handshakeTimeoutMs: 5000,
    });
  });

  it('requires a certificate and key for a tls listen entry', () => {
    expect(() => loadConfig({ SIP_LISTEN: 'tls:127.0.0.1:5061', SIP_TLS_CERT_FILE: '/c.pem' })).toThrow('SIP_TLS_KEY_FILE');
  });

  it.each([
    ['SIP_TLS_SNI', 'acme.test=/only-a-cert.pem'],
    ['SIP_TLS_HANDSHAKE_TIMEOUT_MS', '0'],
    ['SIP_LISTEN', 'sctp:1.2.3.4:5060'],
    ['SIP_LISTEN', 'udp:127.0.0.1:99999'],
    ['DRACHTIO_PORT', 'abc'],
    ['SIP_T1_MS', '-5'],
    ['SIP_ADVERTISED_ADDRESS', 'bad address!'],
    ['SIP_UDP_RECV_BUFFER_BYTES', '-1'],
    ['SIP_TCP_MAX_CONNECTIONS_PER_SOURCE', 'many'],
    ['SIP_TCP_MESSAGE_TIMEOUT_MS', '-1'],
    ['SIP_TCP_IDLE_TIMEOUT_SECONDS', '0'],
  ])('rejects a malformed %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('requires an explicit DRACHTIO_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('DRACHTIO_SECRET');
    expect(loadConfig({ NODE_ENV: 'production', DRACHTIO_SECRET: 'x' }).DRACHTIO_SECRET).toBe('x');
  });
});
