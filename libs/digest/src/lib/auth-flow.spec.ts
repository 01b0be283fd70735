import { buildDigestChallenge, parseDigestAuthorization } from './authorization-header';
import { computeDigestResponse, computeHa1 } from './digest';
import { checkNonce, issueNonce } from './nonce';
import { toDigestCredentials, verifyDigestResponse } from './verify-digest';

describe('parseDigestAuthorization', () => {
  it('reads quoted and token parameters as sipp and phones send them', () => {
    const p = parseDigestAuthorization(
      'Digest username="1001",realm="acme.example", nonce="abc.def.ghi", uri="sip:acme.example", response="0123abcd", algorithm=MD5, qop=auth, nc=00000001, cnonce="xyz"',
    );
    expect(p).toEqual({
      username: '1001',
      realm: 'acme.example',
      nonce: 'abc.def.ghi',
      uri: 'sip:acme.example',
      response: '0123abcd',
      algorithm: 'MD5',
      qop: 'auth',
      nc: '00000001',
      cnonce: 'xyz',
    });
  });

  it('undoes quoted-pair escapes', () => {
    expect(parseDigestAuthorization('Digest username="a\\"b", realm="r"')).toEqual({ username: 'a"b', realm: 'r' });
    expect(parseDigestAuthorization('Digest username="a\\\\b", cnonce="", realm="x\\yz"')).toEqual({ username: 'a\\b', cnonce: '', realm: 'xyz' });
  });

  it.each([
    ['Basic dXNlcjpwYXNz'],
    ['Digest username="unterminated'],
    ['Digest username="escaped end\\"'],
    ['Digest user name="a"'],
    ['Digest username="a", username="b"'],
    ['Digest =novalue'],
    ['Digest username="a" realm="r"'],
  ])('refuses %j', (value) => {
    expect(parseDigestAuthorization(value)).toBeNull();
  });
});

describe('buildDigestChallenge', () => {
  it('offers qop=auth and says stale when asked', () => {
    expect(buildDigestChallenge({ realm: 'acme.example', nonce: 'n1', algorithm: 'SHA-256', stale: true })).toBe(
      'Digest realm="acme.example", nonce="n1", algorithm=SHA-256, qop="auth", stale=true',
    );
  });

  it('round-trips through the parser', () => {
    const c = buildDigestChallenge({ realm: 'we"ird', nonce: 'n', algorithm: 'MD5', opaque: 'o' });
    expect(parseDigestAuthorization(c)).toMatchObject({ realm: 'we"ird', nonce: 'n', opaque: 'o' });
  });
});

describe('nonces', () => {
  const secret = 'nonce-secret';
  const t0 = 1_800_000_000_000;

  it('accepts its own fresh nonce on any replica with the same secret', () => {
    const n = issueNonce(secret, 'acme.example', t0);
    expect(checkNonce(secret, 'acme.example', n, t0 + 1000, 30_000)).toEqual({ status: 'valid', issuedAt: t0 });
  });

  it('calls an expired nonce stale, so the phone retries without asking the user', () => {
    const n = issueNonce(secret, 'acme.example', t0);
    expect(checkNonce(secret, 'acme.example', n, t0 + 31_000, 30_000)).toEqual({ status: 'stale' });
  });

  it.each([
    ['another secret', (n: string) => checkNonce('other', 'acme.example', n, t0, 30_000)],
    ['another realm', (n: string) => checkNonce(secret, 'evil.example', n, t0, 30_000)],
    ['a forged time', (n: string) => checkNonce(secret, 'acme.example', `${(t0 + 99).toString(36)}.${n.split('.').slice(1).join('.')}`, t0, 30_000)],
    ['garbage', () => checkNonce(secret, 'acme.example', 'not-a-nonce', t0, 30_000)],
  ])('rejects a nonce checked with %s', (_what, check) => {
    expect(check(issueNonce(secret, 'acme.example', t0))).toEqual({ status: 'invalid' });
  });

  it('never issues the same nonce twice in the same millisecond, across many refills of its random pool', () => {
    const nonces = Array.from({ length: 5000 }, () => issueNonce(secret, 'acme.example', t0));
    expect(new Set(nonces).size).toBe(nonces.length);
    const randomParts = nonces.map((n) => n.split('.')[1]);
    expect(new Set(randomParts).size).toBe(nonces.length);
    // 12 random bytes each, base64url
    expect(randomParts.every((r) => /^[A-Za-z0-9_-]{16}$/.test(r))).toBe(true);
  });
});

describe('verifyDigestResponse', () => {
  const ha1 = computeHa1('SHA-256', '1001', 'acme.example', 'Demo-Phone-2026!');
  const base = { username: '1001', realm: 'acme.example', nonce: 'n', uri: 'sip:acme.example', algorithm: 'SHA-256', qop: 'auth', nc: '00000001', cnonce: 'c' };
  const response = computeDigestResponse({ algorithm: 'SHA-256', ha1, method: 'REGISTER', uri: base.uri, nonce: 'n', qop: 'auth', nc: '00000001', cnonce: 'c' });

  it('accepts the right password', () => {
    const c = toDigestCredentials({ ...base, response });
    if (typeof c === 'string') throw new Error(c);
    expect(verifyDigestResponse(c, 'REGISTER', ha1)).toBe(true);
  });

  it('rejects another method, nonce count or password', () => {
    const c = toDigestCredentials({ ...base, response });
    if (typeof c === 'string') throw new Error(c);
    expect(verifyDigestResponse(c, 'INVITE', ha1)).toBe(false);
    expect(verifyDigestResponse({ ...c, nc: '00000002' }, 'REGISTER', ha1)).toBe(false);
    expect(verifyDigestResponse(c, 'REGISTER', computeHa1('SHA-256', '1001', 'acme.example', 'wrong'))).toBe(false);
  });

  it.each([
    [{ ...base, response, username: '' }, 'missing-field'],
    [{ ...base, response, algorithm: 'SHA-512-256' }, 'unsupported-algorithm'],
    [{ ...base, response, qop: 'auth-int' }, 'unsupported-qop'],
    [{ ...base, response, nc: '1' }, 'bad-nc'],
  ])('names what is wrong with %j', (params, problem) => {
    expect(toDigestCredentials(params)).toBe(problem);
  });
});
