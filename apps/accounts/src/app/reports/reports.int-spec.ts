import request from 'supertest';
import { sumAmounts } from '@branchline/reports';
import {
  assignSites,
  auth,
  createTenant,
  siteBody,
  startAccounts,
  type Harness,
  type TenantFixture,
} from '../../testing/accounts-harness';

/**
 * The reports over a fixed set of CDRs whose figures are worked out by hand
 * below, to the 0.00001. The tenant's zone is Europe/Berlin (its first
 * site's): CET (+01:00) until 2026-03-29 02:00, CEST (+02:00) until
 * 2026-10-25 03:00.
 *
 * March 2026 (EUR), the calls a report of 2026-03-01..31 counts:
 *   c1 BER 1001 OUTBOUND ANSWERED gwA "Germany fixed" DE  60 s 0.02250  03-01 00:00:30 CET (just after local midnight)
 *   c3 BER 1002 OUTBOUND ANSWERED gwB no rate → France   180 s 0.33333  03-29 00:30 CET (the 23-hour day)
 *   c4 BER 1002 OUTBOUND NO_ANSWER gwB "Germany fixed"    0 s 0.00000  03-29 23:59 CEST
 *   c5 MUC 2001 OUTBOUND ANSWERED gwA "Germany fixed"    60 s 0.02250  03-30 00:30 CEST (22:30 UTC on the 29th)
 *   c6 MUC 2001 OUTBOUND ANSWERED gwA "USA" US          300 s 0.45005  03-31 23:59:59 CEST
 *   c8 BER → 1001 INBOUND ANSWERED gwA (no destination)  0 s 0.00000  03-10
 *   c9 BER 1002 → 2001 INTERNAL ANSWERED, no cost centre 45 s 0.00000  03-15
 *   totals: 7 calls, 6 answered, 645 s, 0.82838 (0.83 rounded)
 * Not counted: c2 (02-28 23:59:59 CET, February), c7 (04-01 00:00 CEST), c10 (priced in USD),
 * another tenant's call, and the October calls (their own DST test).
 * February 2026 (the previous period): c2 BER 1001 UK 120 s 0.10000, p2 MUC 2001 60 s 0.02250,
 * p3 BER 1002 BUSY 0 s 0.00000: 3 calls, 2 answered, 180 s, 0.12250.
 */
describe('finance reports', () => {
  let h: Harness;
  let t: TenantFixture;
  let other: TenantFixture;
  let finance: string;
  const ids: Record<string, string> = {};
  const cdrIds: Record<string, string> = {};

  const get = async (path: string, token = finance) => request(h.http).get(`/api/v1/reports/${path}`).set(auth(token));
  const ok = async (path: string, token = finance) => {
    const res = await get(path, token);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const march = 'from=2026-03-01&to=2026-03-31';

  beforeAll(async () => {
    h = await startAccounts('reports');
    t = await createTenant(h);
    other = await createTenant(h);
    finance = await t.token('FINANCE');
    const admin = await t.token('ADMIN');
    const post = async (path: string, body: object, token = admin) => {
      const res = await request(h.http).post(`/api/v1${path}`).set(auth(token)).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    // The first site's zone is the tenant's reporting zone.
    const ber = await post('/sites', siteBody({ name: 'Berlin', code: 'BER', costCentre: 'CC-BER', timeZone: 'Europe/Berlin' }));
    const muc = await post('/sites', siteBody({ name: 'München', code: 'MUC', costCentre: 'CC-MUC', timeZone: 'Europe/Berlin' }));
    ids['ber'] = ber.id;
    ids['muc'] = muc.id;
    ids['1001'] = (await post('/extensions', { siteId: ber.id, number: String(ber.extensionRangeStart + 1), displayName: 'Anna' })).id;
    ids['1002'] = (await post('/extensions', { siteId: ber.id, number: String(ber.extensionRangeStart + 2), displayName: 'Ben' })).id;
    ids['2001'] = (await post('/extensions', { siteId: muc.id, number: String(muc.extensionRangeStart + 1), displayName: 'Carla' })).id;
    ids['gwA'] = (await post('/gateways', { name: 'carrier-a', host: '127.0.0.1', port: 5071 })).id;
    ids['gwB'] = (await post('/gateways', { name: 'carrier-b', host: '127.0.0.1', port: 5072 })).id;
    await assignSites(h, t, 'SITE_ADMIN', [muc.id]);

    const otherAdmin = await other.token('ADMIN');
    const otherSite = await post('/sites', siteBody({ timeZone: 'Europe/Berlin' }), otherAdmin);

    let n = 0;
    const cdr = async (name: string, c: Record<string, unknown>) => {
      const startedAt = new Date(c['startedAt'] as string);
      const billableSec = (c['billableSec'] as number | undefined) ?? 0;
      const row = await h.prisma.cdr.create({
        data: {
          tenantId: t.tenantId,
          callId: `reports-${++n}`,
          callerNumber: '1001',
          dialedNumber: '0',
          disposition: 'ANSWERED',
          durationSec: billableSec,
          ...c,
          startedAt,
          endedAt: new Date(startedAt.getTime() + billableSec * 1000),
          billableSec,
        } as never,
      });
      cdrIds[name] = row.id;
    };
    const out = (site: 'ber' | 'muc', ext: string, gw: 'gwA' | 'gwB', number: string, rate: string | null) => ({
      siteId: ids[site],
      costCentre: site === 'ber' ? 'CC-BER' : 'CC-MUC',
      direction: 'OUTBOUND',
      callerExtensionId: ids[ext],
      callerNumber: ext,
      dialedNumber: `00${number.slice(1)}`,
      normalizedNumber: number,
      gatewayId: ids[gw],
      rateDescription: rate,
      ratePrefix: rate ? number.slice(1, 3) : null,
    });
    await cdr('c1', { ...out('ber', '1001', 'gwA', '+49301234567', 'Germany fixed'), startedAt: '2026-02-28T23:00:30Z', billableSec: 60, cost: '0.0225' });
    await cdr('c2', { ...out('ber', '1001', 'gwA', '+441632960000', 'United Kingdom'), startedAt: '2026-02-28T22:59:59Z', billableSec: 120, cost: '0.1' });
    await cdr('c3', { ...out('ber', '1002', 'gwB', '+33142685300', null), startedAt: '2026-03-28T23:30:00Z', billableSec: 180, cost: '0.33333' });
    await cdr('c4', {
      ...out('ber', '1002', 'gwB', '+49301234568', 'Germany fixed'),
      disposition: 'NO_ANSWER',
      startedAt: '2026-03-29T21:59:00Z',
      cost: '0',
    });
    await cdr('c5', { ...out('muc', '2001', 'gwA', '+49891234567', 'Germany fixed'), startedAt: '2026-03-29T22:30:00Z', billableSec: 60, cost: '0.0225' });
    await cdr('c6', { ...out('muc', '2001', 'gwA', '+12125550100', 'USA'), startedAt: '2026-03-31T21:59:59Z', billableSec: 300, cost: '0.45005' });
    await cdr('c7', { ...out('muc', '2001', 'gwA', '+12125550101', 'USA'), startedAt: '2026-03-31T22:00:00Z', billableSec: 600, cost: '9.99999' });
    await cdr('c8', {
      siteId: ids['ber'],
      costCentre: 'CC-BER',
      direction: 'INBOUND',
      callerNumber: '+498912345',
      calleeExtensionId: ids['1001'],
      dialedNumber: '+493012340001',
      normalizedNumber: '+493012340001',
      gatewayId: ids['gwA'],
      startedAt: '2026-03-10T09:00:00Z',
      cost: '0',
    });
    await cdr('c9', {
      siteId: ids['ber'],
      direction: 'INTERNAL',
      callerExtensionId: ids['1002'],
      calleeExtensionId: ids['2001'],
      dialedNumber: '2001',
      startedAt: '2026-03-15T10:00:00Z',
      billableSec: 45,
      cost: '0',
    });
    await cdr('c10', {
      ...out('ber', '1001', 'gwB', '+12125550102', 'USA'),
      startedAt: '2026-03-20T10:00:00Z',
      billableSec: 60,
      cost: '1',
      currency: 'USD',
    });
    await cdr('p2', { ...out('muc', '2001', 'gwA', '+49891234567', 'Germany fixed'), startedAt: '2026-02-10T10:00:00Z', billableSec: 60, cost: '0.0225' });
    await cdr('p3', { ...out('ber', '1002', 'gwB', '+49301234569', 'Germany fixed'), disposition: 'BUSY', startedAt: '2026-02-11T10:00:00Z', cost: '0' });
    // October, around the autumn change (25 October has 25 hours).
    await cdr('o1', { ...out('ber', '1001', 'gwA', '+49301234567', 'Germany fixed'), startedAt: '2026-10-24T21:59:59Z', billableSec: 60, cost: '0.01' });
    await cdr('o2', { ...out('ber', '1001', 'gwA', '+49301234567', 'Germany fixed'), startedAt: '2026-10-24T22:00:00Z', billableSec: 60, cost: '0.02' });
    await cdr('o3', { ...out('ber', '1001', 'gwA', '+49301234567', 'Germany fixed'), startedAt: '2026-10-25T22:30:00Z', billableSec: 60, cost: '0.03' });
    await cdr('o4', { ...out('ber', '1001', 'gwA', '+49301234567', 'Germany fixed'), startedAt: '2026-10-25T23:00:00Z', billableSec: 60, cost: '0.04' });
    // Another tenant's call in the same month, on the same kind of number.
    await h.prisma.cdr.create({
      data: {
        tenantId: other.tenantId,
        siteId: otherSite.id,
        callId: 'reports-other-tenant',
        direction: 'OUTBOUND',
        disposition: 'ANSWERED',
        callerNumber: '1001',
        dialedNumber: '0049301234567',
        normalizedNumber: '+49301234567',
        rateDescription: 'Germany fixed',
        startedAt: new Date('2026-03-15T10:00:00Z'),
        endedAt: new Date('2026-03-15T10:01:00Z'),
        billableSec: 60,
        cost: '5',
      },
    });
  });
  afterAll(() => h.close());

  const figures = (r: { calls: number; answered: number; billableSeconds: number; cost: string }) => [
    r.calls,
    r.answered,
    r.billableSeconds,
    r.cost,
  ];

  describe('summary', () => {
    it('adds up a month by site to the cent, in the tenant zone and currency', async () => {
      const body = await ok(`summary?${march}&groupBy=site`);
      expect(body).toMatchObject({ from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Berlin', currency: 'EUR', groupBy: ['site'] });
      expect(body.rows).toEqual([
        { siteId: ids['ber'], siteCode: 'BER', siteName: 'Berlin', calls: 5, answered: 4, billableSeconds: 285, cost: '0.35583' },
        { siteId: ids['muc'], siteCode: 'MUC', siteName: 'München', calls: 2, answered: 2, billableSeconds: 360, cost: '0.47255' },
      ]);
      expect(body.totals).toEqual({ calls: 7, answered: 6, billableSeconds: 645, cost: '0.82838', costRounded: '0.83' });
      expect(body.otherCurrencies).toEqual([{ currency: 'USD', calls: 1, cost: '1.00000' }]);
      expect(body).not.toHaveProperty('previous');
    });

    it.each([
      'site',
      'costCentre',
      'extension',
      'destination',
      'gateway',
      'direction',
      'disposition',
      'day',
      'week',
      'month',
      'site,extension,day',
      'destination,gateway,disposition,week',
    ])('has totals equal to the exact sum of its rows grouped by %s', async (groupBy) => {
      const body = await ok(`summary?${march}&groupBy=${groupBy}`);
      const rows = body.rows as Array<{ calls: number; answered: number; billableSeconds: number; cost: string }>;
      expect(rows.reduce((s, r) => s + r.calls, 0)).toBe(7);
      expect(rows.reduce((s, r) => s + r.answered, 0)).toBe(6);
      expect(rows.reduce((s, r) => s + r.billableSeconds, 0)).toBe(645);
      expect(sumAmounts(rows.map((r) => r.cost))).toBe(body.totals.cost);
      expect(body.totals.cost).toBe('0.82838');
    });

    it('buckets days at local midnight, across the spring DST change', async () => {
      const body = await ok(`summary?${march}&groupBy=day`);
      expect(body.rows.map((r: Record<string, unknown>) => [r['period'], r['periodStart'], r['periodEnd'], ...figures(r as never)])).toEqual([
        ['2026-03-01', '2026-03-01', '2026-03-01', 1, 1, 60, '0.02250'],
        ['2026-03-10', '2026-03-10', '2026-03-10', 1, 1, 0, '0.00000'],
        ['2026-03-15', '2026-03-15', '2026-03-15', 1, 1, 45, '0.00000'],
        ['2026-03-29', '2026-03-29', '2026-03-29', 2, 1, 180, '0.33333'],
        ['2026-03-30', '2026-03-30', '2026-03-30', 1, 1, 60, '0.02250'],
        ['2026-03-31', '2026-03-31', '2026-03-31', 1, 1, 300, '0.45005'],
      ]);
    });

    it('buckets the 25-hour autumn day whole, and nothing of the days around it', async () => {
      const body = await ok('summary?from=2026-10-24&to=2026-10-26&groupBy=day');
      expect(body.rows.map((r: Record<string, unknown>) => [r['period'], r['calls'], r['cost']])).toEqual([
        ['2026-10-24', 1, '0.01000'],
        ['2026-10-25', 2, '0.05000'],
        ['2026-10-26', 1, '0.04000'],
      ]);
      const day = await ok('summary?from=2026-10-25&to=2026-10-25&groupBy=site');
      expect(day.totals).toMatchObject({ calls: 2, cost: '0.05000' });
    });

    it('buckets ISO weeks from Monday, clipped to the period', async () => {
      const body = await ok(`summary?${march}&groupBy=week`);
      expect(body.rows.map((r: Record<string, unknown>) => [r['period'], r['periodStart'], r['periodEnd'], r['calls'], r['cost']])).toEqual([
        ['2026-W09', '2026-03-01', '2026-03-01', 1, '0.02250'],
        ['2026-W11', '2026-03-09', '2026-03-15', 2, '0.00000'],
        ['2026-W13', '2026-03-23', '2026-03-29', 2, '0.33333'],
        ['2026-W14', '2026-03-30', '2026-03-31', 2, '0.47255'],
      ]);
    });

    it('splits by site and month, months clipped to the period', async () => {
      const body = await ok('summary?from=2026-02-15&to=2026-03-31&groupBy=site,month');
      expect(
        body.rows.map((r: Record<string, unknown>) => [r['siteCode'], r['period'], r['periodStart'], r['periodEnd'], r['calls'], r['cost']]),
      ).toEqual([
        ['BER', '2026-02', '2026-02-15', '2026-02-28', 1, '0.10000'],
        ['BER', '2026-03', '2026-03-01', '2026-03-31', 5, '0.35583'],
        ['MUC', '2026-03', '2026-03-01', '2026-03-31', 2, '0.47255'],
      ]);
    });

    it("counts each call for one extension: the caller's, else the callee's", async () => {
      const body = await ok(`summary?${march}&groupBy=extension`);
      expect(body.rows.map((r: Record<string, unknown>) => [r['extensionId'], r['extensionName'], ...figures(r as never)])).toEqual([
        [ids['1001'], 'Anna', 2, 2, 60, '0.02250'],
        [ids['1002'], 'Ben', 3, 2, 225, '0.33333'],
        [ids['2001'], 'Carla', 2, 2, 360, '0.47255'],
      ]);
    });

    it("names destinations by the rate's description, else the country of the calling code", async () => {
      const body = await ok(`summary?${march}&groupBy=destination`);
      expect(body.rows.map((r: Record<string, unknown>) => [r['destination'], r['country'], ...figures(r as never)])).toEqual([
        ['France', 'FR', 1, 1, 180, '0.33333'],
        ['Germany fixed', 'DE', 3, 2, 120, '0.04500'],
        ['USA', 'US', 1, 1, 300, '0.45005'],
        [null, null, 2, 2, 45, '0.00000'],
      ]);
    });

    it('groups by gateway, cost centre, direction and disposition, with a row for calls without one', async () => {
      const rows = async (groupBy: string, key: string) =>
        (await ok(`summary?${march}&groupBy=${groupBy}`)).rows.map((r: Record<string, unknown>) => [r[key], ...figures(r as never)]);
      expect(await rows('gateway', 'gatewayName')).toEqual([
        ['carrier-a', 4, 4, 420, '0.49505'],
        ['carrier-b', 2, 1, 180, '0.33333'],
        [null, 1, 1, 45, '0.00000'],
      ]);
      expect(await rows('costCentre', 'costCentre')).toEqual([
        ['CC-BER', 4, 3, 240, '0.35583'],
        ['CC-MUC', 2, 2, 360, '0.47255'],
        [null, 1, 1, 45, '0.00000'],
      ]);
      expect(await rows('direction', 'direction')).toEqual([
        ['INBOUND', 1, 1, 0, '0.00000'],
        ['INTERNAL', 1, 1, 45, '0.00000'],
        ['OUTBOUND', 5, 4, 600, '0.82838'],
      ]);
      expect(await rows('disposition', 'disposition')).toEqual([
        ['ANSWERED', 6, 6, 645, '0.82838'],
        ['NO_ANSWER', 1, 0, 0, '0.00000'],
      ]);
    });

    it('applies the filters of the CDR list, and an empty one selects the calls without a value', async () => {
      const totals = async (filter: string) => figures((await ok(`summary?${march}&groupBy=site&${filter}`)).totals);
      expect(await totals(`siteId=${ids['muc']}`)).toEqual([2, 2, 360, '0.47255']);
      expect(await totals(`extensionId=${ids['1001']}`)).toEqual([2, 2, 60, '0.02250']);
      expect(await totals(`gatewayId=${ids['gwB']}`)).toEqual([2, 1, 180, '0.33333']);
      expect(await totals('gatewayId=')).toEqual([1, 1, 45, '0.00000']);
      expect(await totals('costCentre=CC-BER&direction=OUTBOUND')).toEqual([3, 2, 240, '0.35583']);
      expect(await totals('costCentre=')).toEqual([1, 1, 45, '0.00000']);
      expect(await totals('disposition=NO_ANSWER')).toEqual([1, 0, 0, '0.00000']);
      expect(await totals('destination=Germany%20fixed')).toEqual([3, 2, 120, '0.04500']);
      expect(await totals('destination=France')).toEqual([1, 1, 180, '0.33333']);
      expect(await totals('country=US')).toEqual([1, 1, 300, '0.45005']);
      expect(await totals('destination=')).toEqual([2, 2, 45, '0.00000']);
    });

    it('reports another currency on its own when asked', async () => {
      const body = await ok(`summary?${march}&groupBy=site&currency=USD`);
      expect(body.currency).toBe('USD');
      expect(body.totals).toEqual({ calls: 1, answered: 1, billableSeconds: 60, cost: '1.00000', costRounded: '1.00' });
      expect(body.otherCurrencies).toEqual([{ currency: 'EUR', calls: 7, cost: '0.82838' }]);
    });

    it('compares a calendar month with the month before, row by row and in total', async () => {
      const body = await ok(`summary?${march}&groupBy=site&compare=true`);
      expect(body.previous).toEqual({
        from: '2026-02-01',
        to: '2026-02-28',
        rows: [
          { siteId: ids['ber'], siteCode: 'BER', siteName: 'Berlin', calls: 2, answered: 1, billableSeconds: 120, cost: '0.10000' },
          { siteId: ids['muc'], siteCode: 'MUC', siteName: 'München', calls: 1, answered: 1, billableSeconds: 60, cost: '0.02250' },
        ],
        totals: { calls: 3, answered: 2, billableSeconds: 180, cost: '0.12250', costRounded: '0.12' },
      });
      expect(body.rows[0].change).toEqual({
        calls: { delta: 3, percent: 150 },
        answered: { delta: 3, percent: 300 },
        billableSeconds: { delta: 165, percent: 137.5 },
        cost: { delta: '0.25583', percent: 255.8 },
      });
      expect(body.rows[1].change).toEqual({
        calls: { delta: 1, percent: 100 },
        answered: { delta: 1, percent: 100 },
        billableSeconds: { delta: 300, percent: 500 },
        cost: { delta: '0.45005', percent: 2000.2 },
      });
      expect(body.change).toEqual({
        calls: { delta: 4, percent: 133.3 },
        answered: { delta: 4, percent: 200 },
        billableSeconds: { delta: 465, percent: 258.3 },
        cost: { delta: '0.70588', percent: 576.2 },
      });
    });

    it('compares other periods with as many days before, and gives no percent after nothing', async () => {
      const body = await ok('summary?from=2026-03-29&to=2026-03-30&groupBy=day&compare=true');
      expect(body.previous).toMatchObject({ from: '2026-03-27', to: '2026-03-28', rows: [] });
      expect(body.change.cost).toEqual({ delta: '0.35583', percent: null });
      expect(body.rows.map((r: { change: { calls: unknown } }) => r.change.calls)).toEqual([
        { delta: 2, percent: null },
        { delta: 1, percent: null },
      ]);
    });

    it('compares the n-th day of a month with the n-th day of the month before', async () => {
      const body = await ok(`summary?${march}&groupBy=day&compare=true`);
      // 1 March (c1, 0.02250) against 1 February (nothing); 10 March (c8, no cost) against 10 February (p2, 0.02250).
      expect(body.rows[0].change.cost).toEqual({ delta: '0.02250', percent: null });
      expect(body.rows[1]).toMatchObject({ period: '2026-03-10', change: { cost: { delta: '-0.02250', percent: -100 } } });
    });
  });

  describe('top', () => {
    it('lists the costliest calls', async () => {
      const body = await ok(`top?${march}&by=calls&limit=2`);
      expect(body).toMatchObject({ by: 'calls', from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Berlin', currency: 'EUR' });
      expect(body.data.map((c: { id: string; cost: string }) => [c.id, c.cost])).toEqual([
        [cdrIds['c6'], '0.45005'],
        [cdrIds['c3'], '0.33333'],
      ]);
      expect(body.data[0]).toMatchObject({ connectFee: null, startedAt: '2026-03-31T21:59:59.000Z', currency: 'EUR' });
    });

    it('lists the costliest destinations and extensions', async () => {
      const dest = await ok(`top?${march}&by=destinations&limit=2`);
      expect(dest.data).toEqual([
        { destination: 'USA', country: 'US', calls: 1, answered: 1, billableSeconds: 300, cost: '0.45005' },
        { destination: 'France', country: 'FR', calls: 1, answered: 1, billableSeconds: 180, cost: '0.33333' },
      ]);
      const ext = await ok(`top?${march}&by=extensions`);
      expect(ext.data.map((e: { extensionName: string; cost: string }) => [e.extensionName, e.cost])).toEqual([
        ['Carla', '0.47255'],
        ['Ben', '0.33333'],
        ['Anna', '0.02250'],
      ]);
    });
  });

  describe('drill-down', () => {
    const drill = async (query: string) => {
      const body = await ok(`cdrs?${query}`);
      return { total: body.total as number, ids: (body.data as Array<{ id: string }>).map((c) => c.id), body };
    };

    it('lists the calls behind a day of a site, which add up to its figure', async () => {
      const { total, ids: found, body } = await drill(`from=2026-03-29&to=2026-03-29&siteId=${ids['ber']}`);
      expect(total).toBe(2);
      expect(found).toEqual([cdrIds['c4'], cdrIds['c3']]);
      expect(sumAmounts(body.data.map((c: { cost: string }) => c.cost))).toBe('0.33333');
    });

    it.each([
      ['destination=Germany%20fixed', ['c5', 'c4', 'c1']],
      ['destination=', ['c9', 'c8']],
      ['country=FR', ['c3']],
      ['extensionId=1001', ['c8', 'c1']],
      ['gatewayId=', ['c9']],
      ['costCentre=CC-MUC&disposition=ANSWERED', ['c6', 'c5']],
    ])('selects the calls of a row by its key values: %s', async (filter, expected) => {
      const { total, ids: found } = await drill(`${march}&${filter.replace('1001', ids['1001'])}`);
      expect(found).toEqual(expected.map((c) => cdrIds[c]));
      expect(total).toBe(expected.length);
    });

    it('pages like the CDR list, newest first unless sorted otherwise', async () => {
      const page2 = await drill(`${march}&pageSize=2&page=2`);
      expect(page2.total).toBe(7);
      expect(page2.ids).toEqual([cdrIds['c4'], cdrIds['c3']]);
      expect(page2.body).toMatchObject({ page: 2, pageSize: 2 });
      const byCost = await drill(`${march}&sort=-cost&pageSize=2`);
      expect(byCost.ids).toEqual([cdrIds['c6'], cdrIds['c3']]);
    });
  });

  describe('who sees what', () => {
    it('gives a SITE_ADMIN its sites only', async () => {
      const siteAdmin = await t.token('SITE_ADMIN');
      const body = await ok(`summary?${march}&groupBy=site`, siteAdmin);
      expect(body.rows.map((r: { siteCode: string }) => r.siteCode)).toEqual(['MUC']);
      expect(body.totals).toMatchObject({ calls: 2, cost: '0.47255' });
      expect((await ok(`summary?${march}&groupBy=site&siteId=${ids['muc']}`, siteAdmin)).totals.calls).toBe(2);
      const top = await ok(`top?${march}&by=calls`, siteAdmin);
      expect(top.data.map((c: { id: string }) => c.id)).toEqual([cdrIds['c6'], cdrIds['c5']]);
      const drill = await ok(`cdrs?${march}`, siteAdmin);
      expect(drill.total).toBe(2);
    });

    it.each([
      ['summary', `summary?${march}&groupBy=site&siteId=BER`],
      ['summary (calls of no site)', `summary?${march}&groupBy=site&siteId=`],
      ['top', `top?${march}&by=calls&siteId=BER`],
      ['drill-down', `cdrs?${march}&siteId=BER`],
    ])('refuses a SITE_ADMIN another site with 403 problem+json: %s', async (_what, path) => {
      const res = await get(path.replace('BER', ids['ber']), await t.token('SITE_ADMIN'));
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it.each(['summary?from=2026-03-01&to=2026-03-31&groupBy=site', 'top?from=2026-03-01&to=2026-03-31&by=calls', 'cdrs?from=2026-03-01&to=2026-03-31'])(
      'refuses VIEWER: %s',
      async (path) => {
        const res = await get(path, await t.token('VIEWER'));
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      },
    );

    it('lets ADMIN see the tenant', async () => {
      expect((await ok(`summary?${march}&groupBy=site`, await t.token('ADMIN'))).totals.cost).toBe('0.82838');
    });

    it('gives an API key what its role and sites allow', async () => {
      const admin = await t.token('ADMIN');
      const key = async (body: object) => (await request(h.http).post('/api/v1/api-keys').set(auth(admin)).send(body)).body.key as string;
      const financeKey = await key({ name: 'finance-export', role: 'FINANCE' });
      const branchKey = await key({ name: 'muc-export', role: 'SITE_ADMIN', siteIds: [ids['muc']] });
      const viewerKey = await key({ name: 'viewer-bot', role: 'VIEWER' });
      const totals = (k: string) => request(h.http).get(`/api/v1/reports/summary?${march}&groupBy=site`).set('X-API-Key', k);
      expect((await totals(financeKey)).body.totals.cost).toBe('0.82838');
      expect((await totals(branchKey)).body.totals.cost).toBe('0.47255');
      expect((await totals(viewerKey)).status).toBe(403);
    });

    it("never counts another tenant's calls, nor shows them by their ids", async () => {
      const mine = await ok(`summary?${march}&groupBy=destination&destination=Germany%20fixed`);
      expect(mine.totals.cost).toBe('0.04500');
      const theirs = await ok(`summary?${march}&groupBy=site`, await other.token('FINANCE'));
      expect(theirs.totals).toMatchObject({ calls: 1, cost: '5.00000' });
      const otherSite = await h.prisma.site.findFirstOrThrow({ where: { tenantId: other.tenantId } });
      const probe = await ok(`summary?${march}&groupBy=site&siteId=${otherSite.id}`);
      expect(probe.rows).toEqual([]);
      expect((await ok(`cdrs?${march}&siteId=${otherSite.id}`)).total).toBe(0);
      expect((await ok(`top?${march}&by=calls&siteId=${otherSite.id}`)).data).toEqual([]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown groupBy key', `summary?${march}&groupBy=site,colour`, 'groupBy'],
      ['two time buckets', `summary?${march}&groupBy=day,month`, 'groupBy'],
      ['a missing groupBy', `summary?${march}`, 'groupBy'],
      ['from after to', 'summary?from=2026-03-02&to=2026-03-01&groupBy=site', 'to'],
      ['a period over three years', 'summary?from=2023-01-01&to=2026-01-01&groupBy=site', 'to'],
      ['a date that does not exist', 'summary?from=2026-02-30&to=2026-03-31&groupBy=site', 'from'],
      ['a timestamp for a date', 'summary?from=2026-03-01T00:00:00Z&to=2026-03-31&groupBy=site', 'from'],
      ['a missing from', 'top?to=2026-03-31&by=calls', 'from'],
      ['an unknown parameter', `summary?${march}&groupBy=site&colour=red`, 'colour'],
      ['a site id that is no UUID', `summary?${march}&groupBy=site&siteId=BER`, 'siteId'],
      ['an unknown top kind', `top?${march}&by=gateways`, 'by'],
      ['a limit of 0', `top?${march}&by=calls&limit=0`, 'limit'],
      ['a limit over 100', `top?${march}&by=calls&limit=101`, 'limit'],
      ['a page size over the maximum', `cdrs?${march}&pageSize=501`, 'pageSize'],
      ['an unknown sort', `cdrs?${march}&sort=callerNumber`, 'sort'],
      ['a bad compare flag', `summary?${march}&groupBy=site&compare=yes`, 'compare'],
    ])('refuses %s with 422 problem+json naming the parameter', async (_what, path, name) => {
      const res = await get(path);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body['invalid-params']).toEqual([{ name, reason: expect.any(String) }]);
    });
  });
});
