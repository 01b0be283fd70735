import request from 'supertest';
import ExcelJS from 'exceljs';
import { auth, createTenant, startAccounts, type Harness, type TenantFixture } from '../../testing/accounts-harness';

const HEADER = 'ref;start;number;seconds;charge';
const MAPPING = { startColumn: 'start', numberColumn: 'number', durationColumn: 'seconds', chargeColumn: 'charge', referenceColumn: 'ref' };
const PERIOD = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };

describe('reconciliations', () => {
  let h: Harness;
  let t: TenantFixture;
  let gatewayId: string;

  const post = (token: string, query: Record<string, unknown>, csv: string) =>
    request(h.http).post('/api/v1/reconciliations').set(auth(token)).set('Content-Type', 'text/csv').query({ gatewayId, ...PERIOD, ...MAPPING, delimiter: ';', ...query }).send(csv);

  beforeAll(async () => {
    h = await startAccounts('reconciliations');
    t = await createTenant(h);
    gatewayId = (await h.prisma.gateway.create({ data: { tenantId: t.tenantId, name: 'carrier-x', host: '127.0.0.1' } })).id;
    const call = (callId: string, number: string, answeredAt: string, durationSec: number, cost: string) => ({
      tenantId: t.tenantId, callId, direction: 'OUTBOUND' as const, disposition: 'ANSWERED' as const, callerNumber: '100',
      dialedNumber: number, normalizedNumber: number, gatewayId, startedAt: new Date(Date.parse(answeredAt) - 3000),
      answeredAt: new Date(answeredAt), endedAt: new Date(Date.parse(answeredAt) + durationSec * 1000), durationSec, cost,
    });
    await h.prisma.cdr.createMany({
      data: [call('r-1', '+49301111', '2026-11-10T10:00:00Z', 60, '0.01200'), call('r-2', '+49302222', '2026-11-10T11:00:00Z', 30, '0.00600')],
    });
  }, 60_000);
  afterAll(() => h?.close());

  it('reads local times in the zone given, decimal commas and national numbers; audits the result', async () => {
    const csv = [HEADER, 'x1;10.11.2026 11:00:03;030 1111;61;0,012', 'x2;10.11.2026 12:00:00;030 2222;0:30;0,0061'].join('\n');
    const res = await post(await t.token('FINANCE'), { startFormat: 'dmy', timeZone: 'Europe/Berlin', decimalSeparator: ',' }, csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ matched: 1, priceDifferences: 1, oursOnly: 0, theirsOnly: 0, pairedDifference: '0.00010', options: expect.objectContaining({ startFormat: 'dmy', startToleranceSec: 5 }) });
    const audit = await h.prisma.auditLog.findMany({ where: { tenantId: t.tenantId, entityId: res.body.id } });
    expect(audit).toEqual([expect.objectContaining({ action: 'reconciliation.created', entityType: 'reconciliation' })]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a mapping column the header lacks', { chargeColumn: 'amount' }, `${HEADER}\nx;2026-11-10 10:00:00;49301111;60;0.012`, 'chargeColumn'],
    ['a start that is not in the format', {}, `${HEADER}\nx;2026-11-10 10:00:00;49301111;60;0.012\ny;10.11.2026;49301111;60;0.012`, 'row 2: start'],
    ['a charge with too many decimals', {}, `${HEADER}\nx;2026-11-10 10:00:00;49301111;60;0.0120001`, 'row 1: charge'],
    ['a row outside the period', {}, `${HEADER}\nx;2026-12-10 10:00:00;49301111;60;0.012`, 'row 1: start'],
    ['an unknown start format', { startFormat: 'ymd' }, `${HEADER}\nx;2026-11-10 10:00:00;49301111;60;0.012`, 'startFormat'],
    ['a file without data rows', {}, `${HEADER}\n`, '(csv)'],
  ])('refuses %s with 422 naming it, keeping nothing', async (_name, query, csv, field) => {
    const before = await h.prisma.reconciliation.count();
    const res = await post(await t.token('ADMIN'), query, csv);
    expect(res.status).toBe(422);
    expect(res.body['invalid-params'].map((p: { name: string }) => p.name)).toContain(field);
    expect(await h.prisma.reconciliation.count()).toBe(before);
  });

  it('takes column numbers for a file without a header', async () => {
    const res = await post(await t.token('ADMIN'), { header: 'false', startColumn: '2', numberColumn: '3', durationColumn: '4', chargeColumn: '5', referenceColumn: undefined }, 'x;2026-11-10 10:00:01;+49301111;60;0.012\n');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ matched: 1, oursOnly: 1, theirsOnly: 0 });
  });

  it('refuses SITE_ADMIN and VIEWER, both to reconcile and to read', async () => {
    for (const role of ['SITE_ADMIN', 'VIEWER'] as const) {
      const token = await t.token(role);
      expect((await post(token, {}, `${HEADER}\n`)).status).toBe(403);
      expect((await request(h.http).get('/api/v1/reconciliations').set(auth(token))).status).toBe(403);
    }
  });

  it('keeps each tenant to its own reconciliations and gateways', async () => {
    const csv = `${HEADER}\nx;2026-11-10 10:00:00;49301111;60;0.012`;
    const mine = await post(await t.token('FINANCE'), {}, csv);
    const other = await createTenant(h);
    const token = await other.token('FINANCE');
    expect((await request(h.http).get(`/api/v1/reconciliations/${mine.body.id}`).set(auth(token))).status).toBe(404);
    expect((await request(h.http).get(`/api/v1/reconciliations/${mine.body.id}/rows`).set(auth(token))).status).toBe(404);
    expect((await request(h.http).get('/api/v1/reconciliations').set(auth(token))).body.total).toBe(0);
    expect((await post(token, {}, csv)).status).toBe(404);
  });

  it('lists newest first and downloads the rows as an XLSX workbook with numeric amounts', async () => {
    const token = await t.token('FINANCE');
    const list = await request(h.http).get('/api/v1/reconciliations').set(auth(token));
    expect(list.body.total).toBeGreaterThanOrEqual(2);
    const id = list.body.data[0].id;
    const res = await request(h.http).get(`/api/v1/reconciliations/${id}/rows`).set(auth(token)).query({ format: 'xlsx' }).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(2).value).toBe('status');
    expect(sheet.getRow(2).getCell(7).value).toBe(0.012);
  });
});
