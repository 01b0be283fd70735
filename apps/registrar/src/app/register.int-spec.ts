import { freePort, runSipp } from '@branchline/testing';
import { createPhones, credentialsCsv, startRegistrar, type RegistrarHarness } from '../testing/registrar-harness';

const PASSWORD = 'Phone-Secret-2026!';

/** Phones registering through the real sip-server with sipp, digest auth and all. */
describe('REGISTER with digest auth (sipp through sip-server)', () => {
  let h: RegistrarHarness;
  let acme: { id: string };
  let globex: { id: string };

  beforeAll(async () => {
    // sipp answers MD5 challenges only.
    h = await startRegistrar('register', { DIGEST_ALGORITHM: 'MD5', LOCKOUT_THRESHOLD: '1000' });
    acme = await createPhones(h, 'acme.example', ['1001', '1002', '1003'], PASSWORD);
    globex = await createPhones(h, 'globex.example', ['1001'], 'Other-Secret-2026!');
    await createPhones(h, 'off.example', ['1001'], PASSWORD, false);
  });
  afterAll(() => h.close());

  const register = async (rows: Array<{ user: string; domain: string; password: string; expires?: number }>, scenario = 'registrar/register.xml') =>
    runSipp({
      scenario,
      remote: `127.0.0.1:${h.sip.sipPort}`,
      localPort: await freePort(),
      calls: rows.length,
      extraArgs: ['-inf', credentialsCsv(rows)],
      timeoutSeconds: 20,
    });

  it('registers a phone and stores where it is, with source address and user agent', async () => {
    const r = await register([{ user: '1001', domain: 'acme.example', password: PASSWORD }]);
    expect(r.code).toBe(0);
    expect(r.successful).toBe(1);
    const bindings = await h.location.lookup(acme.id, '1001');
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toMatchObject({
      contact: expect.stringMatching(/^sip:1001@127\.0\.0\.1:\d+;transport=udp$/i),
      source: { address: '127.0.0.1', transport: 'udp' },
      userAgent: 'sipp-phone',
      registrar: 'registrar-test',
    });
    expect(bindings[0].expiresAt - Date.now()).toBeGreaterThan(290_000);
  });

  it('keeps two tenants apart: the same number is two accounts with their own passwords', async () => {
    const ok = await register([{ user: '1001', domain: 'globex.example', password: 'Other-Secret-2026!' }]);
    expect(ok.code).toBe(0);
    expect(await h.location.lookup(globex.id, '1001')).toHaveLength(1);
    const wrongRealm = await register([{ user: '1001', domain: 'globex.example', password: PASSWORD }], 'registrar/register-forbidden.xml');
    expect(wrongRealm.code).toBe(0);
  });

  it('answers a wrong password and an unknown user alike: 401 challenge, then 403', async () => {
    const wrong = await register([{ user: '1002', domain: 'acme.example', password: 'not-it' }], 'registrar/register-forbidden.xml');
    const unknown = await register([{ user: '7777', domain: 'acme.example', password: 'not-it' }], 'registrar/register-forbidden.xml');
    expect(wrong.code).toBe(0);
    expect(unknown.code).toBe(0);
    expect(await h.location.lookup(acme.id, '1002')).toEqual([]);
  });

  it('refuses a disabled extension with 403', async () => {
    const r = await register([{ user: '1001', domain: 'off.example', password: PASSWORD }], 'registrar/register-forbidden.xml');
    expect(r.code).toBe(0);
  });

  it('clamps an over-long Expires to the maximum and lists it in the 200', async () => {
    const r = await register([{ user: '1003', domain: 'acme.example', password: PASSWORD, expires: 999_999 }]);
    expect(r.code).toBe(0);
    const [b] = await h.location.lookup(acme.id, '1003');
    expect(Math.round((b.expiresAt - Date.now()) / 1000)).toBeLessThanOrEqual(h.config.EXPIRES_MAX);
    expect(Math.round((b.expiresAt - Date.now()) / 1000)).toBeGreaterThan(h.config.EXPIRES_MAX - 30);
  });

  it('registers many phones in one run', async () => {
    const rows = ['1001', '1002', '1003'].map((user) => ({ user, domain: 'acme.example', password: PASSWORD }));
    const r = await register(rows);
    expect(r.code).toBe(0);
    expect(r.successful).toBe(3);
  });
});
