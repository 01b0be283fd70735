import request from 'supertest';
import { Workbook, ValueType, type Worksheet } from 'exceljs';
import { sumAmounts } from '@branchline/reports';
import { auth, startAccounts, type Harness } from '../../testing/accounts-harness';
import { HYPERLINK, seedFinanceMonth, type FinanceMonth } from '../../testing/finance-month';
import { MONEY_FORMAT } from './report-xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

/**
 * The XLSX exports of a summary, a top list and a drill-down, parsed back
 * with exceljs: the same rows as the JSON answers, amounts as exact numeric
 * cells, text as string cells (never formulas), scoping and tenant isolation.
 * Batches of 2 rows, so every file is written from several cursor batches.
 */
describe('report XLSX exports', () => {
  let h: Harness;
  let m: FinanceMonth;
  let finance: string;

  const xlsx = async (path: string, token = finance, headers: Record<string, string> = {}) => {
    const res = await request(h.http)
      .get(`/api/v1/reports/${path}`)
      .set(auth(token))
      .set(headers)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.toString()}`);
    const book = new Workbook();
    // exceljs declares its own Buffer (an ArrayBuffer); a Node Buffer is what it reads at run time
    await book.xlsx.load(res.body as never);
    return { res, sheet: book.worksheets[0] };
  };
  /** The sheet as objects keyed by the header row. */
  const records = (sheet: Worksheet) => {
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const out: Array<Record<string, unknown>> = [];
    sheet.eachRow((row, n) => {
      if (n > 1) out.push(Object.fromEntries(header.map((k, i) => [k, row.getCell(i + 1).value])));
    });
    return out;
  };
  const json = async (path: string, token = finance) => (await request(h.http).get(`/api/v1/reports/${path}`).set(auth(token))).body;

  beforeAll(async () => {
    h = await startAccounts('report-xlsx', { REPORT_EXPORT_BATCH_ROWS: '2' });
    m = await seedFinanceMonth(h);
    finance = await m.t.token('FINANCE');
  });
  afterAll(() => h.close());

  it('exports a summary as a workbook whose rows and amounts are the JSON answer\u2019s, exactly', async () => {
    const { res, sheet } = await xlsx(`summary?${NOVEMBER}&groupBy=site,direction&format=xlsx`);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename="report-summary-2026-11-01-2026-11-30.xlsx"');
    expect(sheet.name).toBe('Summary');
    expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    const rows = records(sheet);
    const body = await json(`summary?${NOVEMBER}&groupBy=site,direction`);
    expect(rows).toEqual(
      body.rows.map((r: Record<string, unknown>) => ({
        siteCode: r['siteCode'],
        siteName: r['siteName'],
        siteId: r['siteId'],
        direction: r['direction'],
        calls: r['calls'],
        answered: r['answered'],
        billableSeconds: r['billableSeconds'],
        cost: Number(r['cost']),
        currency: 'EUR',
      })),
    );
    expect(rows.map((r) => [r['siteCode'], r['direction'], r['calls'], r['cost']])).toEqual([
      ['BER', 'EMERGENCY', 1, 0],
      ['BER', 'INBOUND', 1, 0],
      ['BER', 'INTERNAL', 1, 0],
      ['BER', 'OUTBOUND', 3, 0.35583],
      ['MUC', 'OUTBOUND', 1, 0.45005],
    ]);
    // Numbers in the cells, shown at five places, adding up to the exact total.
    expect(sheet.getCell(5, 8).numFmt).toBe(MONEY_FORMAT);
    expect(sheet.getCell(5, 8).type).toBe(ValueType.Number);
    expect(sumAmounts(rows.map((r) => (r['cost'] as number).toFixed(5)))).toBe('0.80588');
    expect(body.totals.cost).toBe('0.80588');
  });

  it('writes text as string cells, never as formulas, and keeps the calls\u2019 columns of the CSV', async () => {
    const { sheet } = await xlsx(`cdrs?${NOVEMBER}&format=xlsx&sort=startedAt`);
    const rows = records(sheet);
    expect(rows.map((r) => r['id'])).toEqual(['n1', 'n2', 'n3', 'n7', 'n4', 'n5', 'n6'].map((c) => m.cdrIds[c]));
    const n2 = rows[1];
    expect(n2).toMatchObject({ rateDescription: HYPERLINK, destination: HYPERLINK, cost: 0.33333, billableSec: 180, siteCode: 'BER' });
    const col = (sheet.getRow(1).values as unknown[]).indexOf('rateDescription');
    const cell = sheet.getRow(3).getCell(col);
    expect(cell.type).toBe(ValueType.String);
    expect(cell.formula).toBeUndefined();
    const csv = await request(h.http).get(`/api/v1/reports/cdrs?${NOVEMBER}&format=csv&sort=startedAt`).set(auth(finance));
    expect((sheet.getRow(1).values as unknown[]).slice(1).join(',')).toBe(csv.text.split('\r\n')[0]);
    expect(sumAmounts(rows.map((r) => (r['cost'] as number).toFixed(5)))).toBe('0.80588');
  });

  it('answers an Accept header preferring XLSX, for a top list too', async () => {
    const { res, sheet } = await xlsx(`top?${NOVEMBER}&by=destinations&limit=2`, finance, { Accept: XLSX });
    expect(res.headers['content-disposition']).toBe('attachment; filename="report-top-destinations-2026-11-01-2026-11-30.xlsx"');
    expect(records(sheet)).toEqual([
      { destination: 'USA', country: 'US', calls: 1, answered: 1, billableSeconds: 300, cost: 0.45005, currency: 'EUR' },
      { destination: HYPERLINK, country: 'FR', calls: 1, answered: 1, billableSeconds: 180, cost: 0.33333, currency: 'EUR' },
    ]);
    const calls = await xlsx(`top?${NOVEMBER}&by=calls&limit=1&format=xlsx`);
    expect(records(calls.sheet).map((r) => r['id'])).toEqual([m.cdrIds['n7']]);
  });

  it('gives a SITE_ADMIN its sites only, and refuses another site as problem+json', async () => {
    const siteAdmin = await m.t.token('SITE_ADMIN');
    const { sheet } = await xlsx(`summary?${NOVEMBER}&groupBy=site&format=xlsx`, siteAdmin);
    expect(records(sheet).map((r) => [r['siteCode'], r['calls'], r['cost']])).toEqual([['MUC', 1, 0.45005]]);
    const drill = await xlsx(`cdrs?${NOVEMBER}&format=xlsx`, siteAdmin);
    expect(records(drill.sheet).map((r) => r['id'])).toEqual([m.cdrIds['n7']]);
    const refused = await request(h.http).get(`/api/v1/reports/summary?${NOVEMBER}&groupBy=site&format=xlsx&siteId=${m.ber.id}`).set(auth(siteAdmin));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const viewer = await request(h.http).get(`/api/v1/reports/cdrs?${NOVEMBER}&format=xlsx`).set(auth(await m.t.token('VIEWER')));
    expect(viewer.status).toBe(403);
  });

  it("never exports another tenant's calls", async () => {
    const theirs = await xlsx(`cdrs?${NOVEMBER}&format=xlsx`, await m.other.token('FINANCE'));
    expect(records(theirs.sheet).map((r) => [r['id'], r['cost']])).toEqual([[m.cdrIds['x1'], 5]]);
    const mine = await xlsx(`summary?${NOVEMBER}&groupBy=month&format=xlsx`);
    expect(records(mine.sheet).map((r) => [r['calls'], r['cost']])).toEqual([[7, 0.80588]]);
  });

  it('refuses compare and bad input before the file starts, as problem+json', async () => {
    const compare = await request(h.http).get(`/api/v1/reports/summary?${NOVEMBER}&groupBy=site&format=xlsx&compare=true`).set(auth(finance));
    expect(compare.status).toBe(422);
    expect(compare.body['invalid-params']).toEqual([{ name: 'compare', reason: expect.any(String) }]);
    const groupBy = await request(h.http).get(`/api/v1/reports/summary?${NOVEMBER}&groupBy=colour&format=xlsx`).set(auth(finance));
    expect(groupBy.status).toBe(422);
    expect(groupBy.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
