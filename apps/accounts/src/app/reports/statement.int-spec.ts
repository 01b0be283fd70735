import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { auth, startAccounts, type Harness } from '../../testing/accounts-harness';
import { HYPERLINK, seedFinanceMonth, type FinanceMonth } from '../../testing/finance-month';
import { pdfContent, pdfText } from '../../testing/pdf-text';
import { restoreCsvFormula } from '../common/csv-formula';
import { duration } from './statement-pdf';

const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

/**
 * The monthly statement PDF of a site, read back (content streams inflated,
 * text operators decoded): its header, its totals, and every row of its
 * tables equal to the CSV exports of the same month and site; the daily
 * bars; who may have which statement; bad input.
 */
describe('monthly site statement (PDF)', () => {
  let h: Harness;
  let m: FinanceMonth;
  let finance: string;

  const binary = (r: request.Test) =>
    r.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  const statement = (query: string, token = finance) => binary(request(h.http).get(`/api/v1/reports/statement?${query}`).set(auth(token)));
  const csvRows = async (path: string) =>
    parse((await request(h.http).get(`/api/v1/reports/${path}&format=csv`).set(auth(finance))).text, { columns: true }) as Array<
      Record<string, string>
    >;
  /** The cells of a table: the text after its title and header row, up to the next title. */
  const table = (lines: string[], title: string, columns: number) => {
    const start = lines.indexOf(title) + 1 + columns;
    const isTitle = (l: string) => ['By category', 'By extension', 'Top destinations'].includes(l) || l.startsWith('Daily cost');
    const next = lines.findIndex((l, i) => i >= start && isTitle(l));
    const cells = lines.slice(start, next);
    return Array.from({ length: cells.length / columns }, (_, i) => cells.slice(i * columns, (i + 1) * columns));
  };
  /** A name the PDF may shorten to its column with an ellipsis (WinAnsi 0x85). */
  const shown = (name: string, cell: string) => (cell.endsWith('\x85') ? name.startsWith(cell.slice(0, -1)) : name === cell);

  beforeAll(async () => {
    h = await startAccounts('statement');
    m = await seedFinanceMonth(h);
    finance = await m.t.token('FINANCE');
  });
  afterAll(() => h.close());

  it('is a PDF with the tenant, site, period and currency, and the totals of the month\u2019s summary', async () => {
    const res = await statement(`siteId=${m.ber.id}&month=2026-11&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="statement-BER-2026-11.pdf"');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const lines = pdfText(pdf);
    const tenant = await h.prisma.tenant.findUniqueOrThrow({ where: { id: m.t.tenantId } });
    expect(lines).toEqual(
      expect.arrayContaining([
        'Monthly call-charge statement',
        `Tenant: ${tenant.name}`,
        'Site: Berlin (BER)',
        'Period: 2026-11-01 to 2026-11-30 (local days, Europe/Berlin)',
        'Currency: EUR',
        'Total: 6 calls, 5 answered, billable 0:07:15',
        'Total cost: 0.35583 EUR (invoice amount 0.36 EUR)',
      ]),
    );
    const summary = (await request(h.http).get(`/api/v1/reports/summary?${NOVEMBER}&groupBy=site&siteId=${m.ber.id}`).set(auth(finance))).body;
    expect(summary.totals).toMatchObject({ calls: 6, answered: 5, billableSeconds: 435, cost: '0.35583', costRounded: '0.36' });
  });

  it('has the rows of the CSV exports of the same month: by direction, by extension and the top destinations', async () => {
    const lines = pdfText((await statement(`siteId=${m.ber.id}&month=2026-11`, finance)).body as Buffer);
    const figures = (r: Record<string, string>) => [r['calls'], r['answered'], duration(Number(r['billableSeconds'])), r['cost']];
    const site = `${NOVEMBER}&siteId=${m.ber.id}`;

    const byDirection = await csvRows(`summary?${site}&groupBy=direction`);
    expect(byDirection.map((r) => r['direction'])).toEqual(['EMERGENCY', 'INBOUND', 'INTERNAL', 'OUTBOUND']);
    expect(table(lines, 'By category', 5)).toEqual(byDirection.map((r) => [r['direction'], ...figures(r)]));

    const byExtension = await csvRows(`summary?${site}&groupBy=extension`);
    expect(byExtension.map((r) => [r['extensionName'], r['cost']])).toEqual([
      ['Anna', '0.02250'],
      ['Ben', '0.33333'],
    ]);
    expect(table(lines, 'By extension', 6)).toEqual(byExtension.map((r) => [r['extensionNumber'], r['extensionName'], ...figures(r)]));

    const top = await csvRows(`top?${site}&by=destinations`);
    const rows = table(lines, 'Top destinations', 6);
    expect(rows.map((r) => r.slice(1))).toEqual(top.map((r) => [r['country'] || '-', ...figures(r)]));
    expect(rows.map((r, i) => shown(restoreCsvFormula(top[i]['destination']) || '(internal, inbound)', r[0]))).toEqual(top.map(() => true));
    expect(restoreCsvFormula(top[0]['destination'])).toBe(HYPERLINK);
  });

  it('draws a bar for each day with a cost, the dearest day full height', async () => {
    const pdf = (await statement(`siteId=${m.ber.id}&month=2026-11`)).body as Buffer;
    const bars = pdfContent(pdf)
      .flatMap((c) => [...c.matchAll(/([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re/g)])
      .map((r) => Number(r[4]));
    // 2 November 0.02250, 3 November 0.33333 (the dearest); no other day cost anything.
    expect(bars).toHaveLength(2);
    expect(bars[1]).toBe(140);
    expect(bars[0]).toBeCloseTo((140 * 0.0225) / 0.33333, 2);
    expect(pdfText(pdf)).toContain('Daily cost (EUR)');
  });

  it('gives a SITE_ADMIN the statement of its own site and refuses another site with 403', async () => {
    const siteAdmin = await m.t.token('SITE_ADMIN');
    const own = await statement(`siteId=${m.muc.id}&month=2026-11`, siteAdmin).set('Accept', 'application/pdf');
    expect(own.status).toBe(200);
    expect(pdfText(own.body as Buffer)).toEqual(expect.arrayContaining(['Site: München (MUC)', 'Total cost: 0.45005 EUR (invoice amount 0.45 EUR)']));
    const refused = await request(h.http).get(`/api/v1/reports/statement?siteId=${m.ber.id}&month=2026-11`).set(auth(siteAdmin));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const viewer = await request(h.http).get(`/api/v1/reports/statement?siteId=${m.ber.id}&month=2026-11`).set(auth(await m.t.token('VIEWER')));
    expect(viewer.status).toBe(403);
  });

  it("answers 404 for another tenant's site, whoever asks", async () => {
    const res = await request(h.http).get(`/api/v1/reports/statement?siteId=${m.ber.id}&month=2026-11`).set(auth(await m.other.token('FINANCE')));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['a month that does not exist', 'month=2026-13', 'month'],
    ['a date for a month', 'month=2026-11-01', 'month'],
    ['a missing month', '', 'month'],
    ['a site id that is no UUID', 'month=2026-11&siteId=BER', 'siteId'],
    ['an unknown format', 'month=2026-11&format=docx', 'format'],
  ])('refuses %s with 422 naming the parameter', async (_what, query, name) => {
    const q = query.includes('siteId') ? query : `siteId=${m.ber.id}${query ? `&${query}` : ''}`;
    const res = await request(h.http).get(`/api/v1/reports/statement?${q}`).set(auth(finance));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body['invalid-params']).toEqual([{ name, reason: expect.any(String) }]);
  });
});
