import request from 'supertest';
import {
  auth,
  createTenant,
  siteBody,
  startAccounts,
  type Harness,
  type TenantFixture,
} from '../../testing/accounts-harness';

describe('finance date filters are local days of the branch', () => {
  let h: Harness;
  let t: TenantFixture;
  let finance: string;
  let berlinId: string;
  let newYorkId: string;

  let n = 0;
  const cdrAt = (startedAt: string, siteId: string) =>
    h.prisma.cdr.create({
      data: {
        tenantId: t.tenantId,
        siteId,
        callId: `period-${++n}`,
        direction: 'OUTBOUND',
        disposition: 'ANSWERED',
        callerNumber: '1001',
        dialedNumber: '004930123',
        startedAt: new Date(startedAt),
        endedAt: new Date(startedAt),
        cost: '0.1',
      },
    });
  const startsOf = async (query: string) => {
    const res = await request(h.http).get(`/api/v1/cdrs?${query}&sort=startedAt`).set(auth(finance));
    expect(res.status).toBe(200);
    return (res.body.data as Array<{ startedAt: string }>).map((c) => c.startedAt);
  };

  beforeAll(async () => {
    h = await startAccounts('cdr-period');
    t = await createTenant(h);
    const admin = await t.token('ADMIN');
    finance = await t.token('FINANCE');
    // The first site's zone is the tenant's reporting zone; a site filter uses that site's own.
    berlinId = (
      await request(h.http)
        .post('/api/v1/sites')
        .set(auth(admin))
        .send(siteBody({ timeZone: 'Europe/Berlin' }))
    ).body.id;
    newYorkId = (
      await request(h.http)
        .post('/api/v1/sites')
        .set(auth(admin))
        .send(siteBody({ timeZone: 'America/New_York' }))
    ).body.id;
    for (const at of [
      '2026-12-02T22:59:59.999Z', // 2 Dec 23:59:59.999 in Berlin
      '2026-12-02T23:00:30.000Z', // 3 Dec 00:00:30 in Berlin: just after local midnight
      '2026-12-03T22:59:59.000Z', // 3 Dec 23:59:59 in Berlin
      '2026-12-03T23:00:00.000Z', // 4 Dec 00:00 in Berlin
      '2026-10-24T22:00:00.000Z', // 25 Oct 00:00 CEST: first instant of the 25-hour day
      '2026-10-25T22:30:00.000Z', // 25 Oct 23:30 CET: its last hour, after the clocks went back
      '2026-03-28T23:00:00.000Z', // 29 Mar 00:00 CET: first instant of the 23-hour day
      '2026-03-29T21:59:00.000Z', // 29 Mar 23:59 CEST
      '2026-03-29T22:00:00.000Z', // 30 Mar 00:00 CEST
    ]) {
      await cdrAt(at, berlinId);
    }
    await cdrAt('2026-12-03T04:59:00.000Z', newYorkId); // 2 Dec 23:59 in New York
    await cdrAt('2026-12-03T05:00:00.000Z', newYorkId); // 3 Dec 00:00 in New York
  });
  afterAll(() => h.close());

  it('returns the whole local day for from=to=<that date>, including a call just after local midnight', async () => {
    expect(await startsOf(`from=2026-12-03&to=2026-12-03&siteId=${berlinId}`)).toEqual([
      '2026-12-02T23:00:30.000Z',
      '2026-12-03T22:59:59.000Z',
    ]);
  });

  it('returns all 25 hours of the autumn DST day', async () => {
    expect(await startsOf(`from=2026-10-25&to=2026-10-25&siteId=${berlinId}`)).toEqual([
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T22:30:00.000Z',
    ]);
  });

  it('returns the 23 hours of the spring DST day and nothing of the next', async () => {
    expect(await startsOf(`from=2026-03-29&to=2026-03-29&siteId=${berlinId}`)).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T21:59:00.000Z',
    ]);
  });

  it("uses the tenant's first site's zone without a site filter", async () => {
    expect(await startsOf('from=2026-12-03&to=2026-12-03')).toEqual([
      '2026-12-02T23:00:30.000Z',
      '2026-12-03T04:59:00.000Z',
      '2026-12-03T05:00:00.000Z',
      '2026-12-03T22:59:59.000Z',
    ]);
  });

  it("uses the filtered site's own zone", async () => {
    expect(await startsOf(`from=2026-12-03&to=2026-12-03&siteId=${newYorkId}`)).toEqual([
      '2026-12-03T05:00:00.000Z',
    ]);
  });

  it('takes timestamps with an offset as given, to exclusive', async () => {
    expect(
      await startsOf(
        `from=${encodeURIComponent('2026-12-03T00:00:30+01:00')}&to=2026-12-03T22:59:59Z&siteId=${berlinId}`,
      ),
    ).toEqual(['2026-12-02T23:00:30.000Z']);
  });

  it('refuses a date that does not exist with 422 naming the parameter', async () => {
    const res = await request(h.http).get('/api/v1/cdrs?from=2026-02-30').set(auth(finance));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body['invalid-params']).toEqual([{ name: 'from', reason: expect.any(String) }]);
  });

  it('refuses a period that ends before it starts with 422 naming "to"', async () => {
    const res = await request(h.http).get('/api/v1/cdrs?from=2026-12-04&to=2026-12-03').set(auth(finance));
    expect(res.status).toBe(422);
    expect(res.body['invalid-params']).toEqual([{ name: 'to', reason: 'must be after from' }]);
  });

  it('refuses an unknown filter with 422 naming the parameter', async () => {
    const res = await request(h.http).get('/api/v1/cdrs?form=2026-12-03').set(auth(finance));
    expect(res.status).toBe(422);
    expect(res.body['invalid-params']).toEqual([{ name: 'form', reason: 'is not a known parameter' }]);
  });
});
