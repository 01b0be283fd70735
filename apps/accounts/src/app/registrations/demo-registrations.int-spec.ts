import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DEMO, seedDemo } from '@branchline/db';
import { registerPhones, startRegistrarProcess, startSipServerProcess, type RegistrarProcess, type SipServerProcess } from '@branchline/testing';
import { auth, startAccounts, type Harness } from '../../testing/accounts-harness';

/**
 * Issue #5's "done when": the demo tenant's phones register from all three
 * branch offices through the real sip-server and registrar, and the accounts
 * API shows them. One phone per site, each from its own loopback address.
 */
describe('demo tenant registrations, end to end', () => {
  let h: Harness;
  let sip: SipServerProcess;
  let registrar: RegistrarProcess;
  const bus = `t:demo-${randomBytes(3).toString('hex')}:`;
  const phones = [
    { site: 'BER', user: '1001', ip: '127.0.0.11' },
    { site: 'HAM', user: '2001', ip: '127.0.0.12' },
    { site: 'MUC', user: '3001', ip: '127.0.0.13' },
  ];

  beforeAll(async () => {
    h = await startAccounts('demo-registrations', { BUS_CHANNEL_PREFIX: bus });
    await seedDemo(h.prisma, h.config.SECRETS_KEY);
    sip = await startSipServerProcess();
    registrar = await startRegistrarProcess({ databaseUrl: h.db.url, sip, busChannelPrefix: bus, env: { DIGEST_ALGORITHM: 'MD5' } });
  }, 180_000);

  afterAll(async () => {
    await registrar?.stop();
    await sip?.stop();
    await h?.close();
  }, 60_000);

  it('demo tenant phones register from all three sites and GET /api/v1/registrations shows them', async () => {
    const results = await registerPhones(
      sip,
      phones.map((p) => ({ user: p.user, domain: 'acme.example', password: DEMO.sipPassword, ip: p.ip })),
    );
    expect(results.map((r) => [r.code, r.successful])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);

    const login = await request(h.http).post('/api/v1/auth/login').send({ email: DEMO.adminEmail, password: DEMO.userPassword });
    expect(login.status).toBe(200);
    const res = await request(h.http).get('/api/v1/registrations').set(auth(login.body.accessToken));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.data.map((r: { number: string; siteCode: string; source: { address: string }; userAgent: string }) => [r.number, r.siteCode, r.source.address, r.userAgent])).toEqual(
      phones.map((p) => [p.user, p.site, p.ip, 'sipp-phone']),
    );
    expect(res.body.data.map((r: { source: { port: number } }) => r.source.port)).toEqual(results.map((r) => r.port));
  });
});
