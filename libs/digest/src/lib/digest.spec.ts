import { computeDigestResponse, computeHa1 } from './digest';

describe('computeHa1', () => {
  // Vectors computed independently with `printf 'user:realm:pw' | md5sum` / `sha256sum`.
  it.each([
    ['MD5', '3d78807defe7de2157e2b0b6573a855f'],
    ['SHA-256', '7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232'],
  ] as const)('computes the %s HA1', (alg, expected) => {
    expect(computeHa1(alg, 'Mufasa', 'http-auth@example.org', 'Circle of Life')).toBe(expected);
  });

  it('gives different HA1 for the same user in two realms', () => {
    expect(computeHa1('MD5', '101', 'a.example', 'pw')).not.toBe(computeHa1('MD5', '101', 'b.example', 'pw'));
  });
});

describe('computeDigestResponse', () => {
  it('matches the RFC 7616 §3.9.1 MD5 example', () => {
    const ha1 = computeHa1('MD5', 'Mufasa', 'http-auth@example.org', 'Circle of Life');
    expect(
      computeDigestResponse({
        algorithm: 'MD5',
        ha1,
        method: 'GET',
        uri: '/dir/index.html',
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        qop: 'auth',
        nc: '00000001',
        cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      }),
    ).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('matches the RFC 7616 §3.9.1 SHA-256 example', () => {
    const ha1 = computeHa1('SHA-256', 'Mufasa', 'http-auth@example.org', 'Circle of Life');
    expect(
      computeDigestResponse({
        algorithm: 'SHA-256',
        ha1,
        method: 'GET',
        uri: '/dir/index.html',
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        qop: 'auth',
        nc: '00000001',
        cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      }),
    ).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });
});
