import request from 'supertest';
import { DEMO, demoCarrierFile, seedDemo } from '@branchline/db';
import { auth, startAccounts, type Harness } from '../../testing/accounts-harness';

/** The done-when of issue 17: the demo finance user reconciles telco-b's file for last month and finds the two planted mismatches. */
describe('demo finance user: carrier reconciliation', () => {
  let h: Harness;
  const now = new Date();

  beforeAll(async () => {
    h = await startAccounts('demo-reconciliation');
    await seedDemo(h.prisma, h.config.SECRETS_KEY, now);
  }, 60_000);
  afterAll(() => h?.close());

  it('finds exactly the planted price difference and the call nobody made, and can download them later', async () => {
    const login = await request(h.http).post('/api/v1/auth/login').send({ email: DEMO.financeEmail, password: DEMO.userPassword });
    const A = auth(login.body.accessToken);
    const gateway = await h.prisma.gateway.findFirstOrThrow({ where: { name: 'telco-b' } });
    const { month, csv } = demoCarrierFile(now);
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const res = await request(h.http)
      .post('/api/v1/reconciliations')
      .set(A)
      .set('Content-Type', 'text/csv')
      .query({
        gatewayId: gateway.id, from: `${month}-01`, to: `${month}-${lastDay}`, fileName: 'telco-b.csv',
        startColumn: 'call_date', numberColumn: 'destination', durationColumn: 'billsec', chargeColumn: 'amount', referenceColumn: 'cdr_ref',
      })
      .send(csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      gatewayName: 'telco-b', ourCalls: 6, carrierCalls: 7, pairs: 6, matched: 5, priceDifferences: 1, oursOnly: 0, theirsOnly: 1,
      ourTotal: '0.39975', theirTotal: '0.42175', difference: '0.02200', pairedDifference: '0.01000', currency: 'EUR',
    });

    const mismatches = async (status: string) =>
      (await request(h.http).get(`/api/v1/reconciliations/${res.body.id}/rows`).set(A).query({ status })).body.data;
    expect(await mismatches('price-difference')).toEqual([
      expect.objectContaining({ number: '+49891234567', carrierReference: 'TB-5', ourCost: '0.06000', carrierCharge: '0.07000', priceDifference: '0.01000' }),
    ]);
    expect(await mismatches('theirs-only')).toEqual([expect.objectContaining({ number: '+4930999888', carrierReference: 'TB-7', carrierRow: 7, cdrId: null })]);
    expect(await mismatches('ours-only')).toEqual([]);

    const file = await request(h.http).get(`/api/v1/reconciliations/${res.body.id}/rows`).set(A).query({ format: 'csv' });
    expect(file.status).toBe(200);
    const lines = file.text.trim().split('\r\n');
    expect(lines).toHaveLength(8);
    expect(lines.filter((l) => l.split(',')[1] !== 'matched').map((l) => l.split(',')[1])).toEqual(['status', 'price-difference', 'theirs-only']);
  });
});
