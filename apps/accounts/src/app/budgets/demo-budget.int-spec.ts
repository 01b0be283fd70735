import request from 'supertest';
import { DEMO, seedDemo } from '@branchline/db';
import { monthOf } from '@branchline/reports';
import { auth, startAccounts, type Harness } from '../../testing/accounts-harness';

/** The demo's first look for finance: the seeded Berlin budget against this month's calls. */
describe('demo finance user: budget vs actual', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startAccounts('demo-budget');
    await seedDemo(h.prisma, h.config.SECRETS_KEY);
  }, 60_000);
  afterAll(() => h?.close());

  it('sees Berlin’s budget of the running month with what Berlin’s calls cost in it', async () => {
    const berlin = await h.prisma.site.findFirstOrThrow({ where: { code: 'BER' } });
    const startedAt = new Date();
    await h.prisma.cdr.create({
      data: {
        tenantId: berlin.tenantId,
        callId: 'demo-budget-1',
        direction: 'OUTBOUND',
        disposition: 'ANSWERED',
        callerNumber: '1000',
        dialedNumber: '00301234567',
        siteId: berlin.id,
        startedAt,
        endedAt: startedAt,
        cost: '200.00000',
      },
    });
    const login = await request(h.http).post('/api/v1/auth/login').send({ email: DEMO.financeEmail, password: DEMO.userPassword });
    expect(login.status).toBe(200);
    const res = await request(h.http).get('/api/v1/budgets/status').set(auth(login.body.accessToken));
    expect(res.status).toBe(200);
    expect(res.body.month).toBe(monthOf(startedAt, 'Europe/Berlin'));
    expect(res.body.data).toEqual([
      expect.objectContaining({ siteId: berlin.id, amount: '250.00000', spent: '200.00000', percentUsed: 80, thresholdsCrossed: [80], hardLimit: false }),
    ]);
  });
});
