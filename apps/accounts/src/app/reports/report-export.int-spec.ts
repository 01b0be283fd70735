import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { SqlPool } from '@branchline/db';
import { waitFor } from '@branchline/testing';
import {
  assignSites,
  auth,
  createTenant,
  siteBody,
  startAccounts,
  type Harness,
  type TenantFixture,
} from '../../testing/accounts-harness';

/** A batch size no other statement uses, so the export's cursor can be told apart in pg_stat_activity. */
const BATCH = 487;
const BULK_CALLS = 60_000;

/**
 * The CSV exports of a summary and of a drill-down: their exact content,
 * RFC 4180 quoting, formula neutralising, the BOM, content negotiation,
 * scoping, and that they stream from a Postgres cursor (the transaction is
 * still open while the client holds the first bytes, and is rolled back
 * when the client goes away).
 */
describe('report CSV exports', () => {
  let h: Harness;
  let t: TenantFixture;
  let bulk: TenantFixture;
  let finance: string;
  let ber: { id: string };
  let muc: { id: string };
  const cdrIds: Record<string, string> = {};

  const csv = async (path: string, token = finance, headers: Record<string, string> = {}) => {
    const res = await request(h.http).get(`/api/v1/reports/${path}`).set(auth(token)).set(headers).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    return { res, bytes: res.body as Buffer, text: (res.body as Buffer).toString('utf8') };
  };

  beforeAll(async () => {
    h = await startAccounts('report-export', { REPORT_EXPORT_BATCH_ROWS: String(BATCH) });
    t = await createTenant(h);
    finance = await t.token('FINANCE');
    const admin = await t.token('ADMIN');
    const post = async (path: string, body: object, token = admin) => {
      const res = await request(h.http).post(`/api/v1${path}`).set(auth(token)).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    ber = await post('/sites', siteBody({ name: 'Berlin', code: 'BER', costCentre: 'CC-BER', timeZone: 'Europe/Berlin' }));
    muc = await post('/sites', siteBody({ name: 'München, Süd', code: 'MUC', costCentre: '=cmd|/C calc!A0', timeZone: 'Europe/Berlin' }));
    await assignSites(h, t, 'SITE_ADMIN', [muc.id]);
    const gw = await post('/gateways', { name: 'carrier-a', host: '127.0.0.1', port: 5071 });

    let n = 0;
    const cdr = async (name: string, c: Record<string, unknown>) => {
      const startedAt = new Date(c['startedAt'] as string);
      const billableSec = c['billableSec'] as number;
      const row = await h.prisma.cdr.create({
        data: {
          tenantId: t.tenantId,
          callId: `export-${++n}`,
          direction: 'OUTBOUND',
          disposition: 'ANSWERED',
          dialedNumber: '0',
          gatewayId: gw.id,
          durationSec: billableSec,
          ...c,
          startedAt,
          endedAt: new Date(startedAt.getTime() + billableSec * 1000),
        } as never,
      });
      cdrIds[name] = row.id;
    };
    // A rate description with a comma and quotes, a caller name with a line break and one a spreadsheet would run.
    await cdr('x1', {
      siteId: ber.id,
      costCentre: 'CC-BER',
      callerNumber: '1001',
      callerName: 'Anna\nSchmidt',
      normalizedNumber: '+49301234567',
      rateDescription: 'Germany, fixed "Berlin"',
      ratePrefix: '4930',
      pricePerMinute: '0.0225',
      connectFee: '0',
      startedAt: '2026-03-28T23:30:00Z',
      billableSec: 60,
      cost: '0.0225',
    });
    await cdr('x2', {
      siteId: muc.id,
      costCentre: '=cmd|/C calc!A0',
      callerNumber: '2001',
      callerName: '=HYPERLINK("http://attacker.example","click")',
      normalizedNumber: '+33142685300',
      rateDescription: '@SUM(1+1)',
      startedAt: '2026-03-29T22:30:00Z',
      billableSec: 180,
      cost: '0.33333',
    });
    await cdr('x3', {
      siteId: ber.id,
      costCentre: 'CC-BER',
      callerNumber: '1002',
      normalizedNumber: '+49301234568',
      rateDescription: 'Germany, fixed "Berlin"',
      startedAt: '2026-03-10T09:00:00Z',
      billableSec: 120,
      cost: '0.045',
    });

    // Another tenant (without sites, so its days are UTC days) with enough calls that their CSV outgrows every socket buffer.
    bulk = await createTenant(h);
    await h.prisma.$executeRawUnsafe(
      `INSERT INTO cdrs (id, tenant_id, call_id, direction, disposition, caller_number, dialed_number, normalized_number,
                         started_at, ended_at, duration_sec, billable_sec, rate_description, cost, currency)
       SELECT gen_random_uuid(), $1::uuid, 'bulk-' || g, 'OUTBOUND', 'ANSWERED', '1001', '0049301234567', '+49301234567',
              timestamptz '2026-03-01 00:00:00Z' + g * interval '40 seconds', timestamptz '2026-03-01 00:01:00Z' + g * interval '40 seconds',
              60, 60, 'Germany fixed, a long enough description to make every line of the export a little longer', 0.0225, 'EUR'
       FROM generate_series(1, $2::int) g`,
      bulk.tenantId,
      BULK_CALLS,
    );
  });
  afterAll(() => h.close());

  it('exports a summary as CSV with the JSON answer\u2019s rows, quoted and neutralised', async () => {
    const { res, text } = await csv('summary?from=2026-03-01&to=2026-03-31&groupBy=site,destination&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="report-summary-2026-03-01-2026-03-31.csv"');
    expect(text).toBe(
      'siteCode,siteName,siteId,destination,country,calls,answered,billableSeconds,cost,currency\r\n' +
        `BER,Berlin,${ber.id},"Germany, fixed ""Berlin""",DE,2,2,180,0.06750,EUR\r\n` +
        `MUC,"München, Süd",${muc.id},'@SUM(1+1),FR,1,1,180,0.33333,EUR\r\n`,
    );
    const json = await request(h.http).get('/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=site,destination').set(auth(finance));
    expect(json.body.rows.map((r: { cost: string }) => r.cost)).toEqual(['0.06750', '0.33333']);
  });

  it('exports the calls behind a figure with every awkward cell intact for a strict CSV reader', async () => {
    const { res, text } = await csv('cdrs?from=2026-03-01&to=2026-03-31&format=csv&sort=startedAt');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="report-cdrs-2026-03-01-2026-03-31.csv"');
    expect(text.split('\r\n')[0]).toBe(
      'id,callId,startedAt,startedAtLocal,answeredAt,endedAt,direction,disposition,siteCode,costCentre,extensionNumber,callerNumber,' +
        'callerName,dialedNumber,normalizedNumber,destination,country,gatewayName,durationSec,billableSec,ratePrefix,rateDescription,' +
        'connectFee,pricePerMinute,cost,currency,hangupBy,sipStatus,hangupCause',
    );
    const rows = parse(text, { columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    expect(rows.map((r) => r['id'])).toEqual([cdrIds['x3'], cdrIds['x1'], cdrIds['x2']]);
    expect(rows[1]).toMatchObject({
      startedAt: '2026-03-28T23:30:00.000Z',
      startedAtLocal: '2026-03-29 00:30:00',
      siteCode: 'BER',
      callerName: 'Anna\nSchmidt',
      normalizedNumber: "'+49301234567",
      destination: 'Germany, fixed "Berlin"',
      country: 'DE',
      gatewayName: 'carrier-a',
      rateDescription: 'Germany, fixed "Berlin"',
      connectFee: '0.00000',
      pricePerMinute: '0.02250',
      cost: '0.02250',
      currency: 'EUR',
      answeredAt: '',
    });
    expect(rows[2]).toMatchObject({
      startedAtLocal: '2026-03-30 00:30:00',
      costCentre: "'=cmd|/C calc!A0",
      callerName: `'=HYPERLINK("http://attacker.example","click")`,
      rateDescription: "'@SUM(1+1)",
      destination: "'@SUM(1+1)",
      cost: '0.33333',
    });
    expect(text).toContain(`,"'=HYPERLINK(""http://attacker.example"",""click"")",`);
    expect(text).toContain(',"Anna\nSchmidt",');
  });

  it('exports the costliest destinations and extensions as CSV, in the columns of a summary, costliest first', async () => {
    const { res, text } = await csv('top?from=2026-03-01&to=2026-03-31&by=destinations&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="report-top-destinations-2026-03-01-2026-03-31.csv"');
    expect(text).toBe(
      'destination,country,calls,answered,billableSeconds,cost,currency\r\n' +
        "'@SUM(1+1),FR,1,1,180,0.33333,EUR\r\n" +
        '"Germany, fixed ""Berlin""",DE,2,2,180,0.06750,EUR\r\n',
    );
    const limited = await csv('top?from=2026-03-01&to=2026-03-31&by=destinations&limit=1', finance, { Accept: 'text/csv' });
    expect(limited.text.split('\r\n')).toEqual(['destination,country,calls,answered,billableSeconds,cost,currency', "'@SUM(1+1),FR,1,1,180,0.33333,EUR", '']);
    const extensions = await csv('top?from=2026-03-01&to=2026-03-31&by=extensions&format=csv&bom=true');
    expect(extensions.text).toBe('\uFEFFextensionNumber,extensionName,extensionId,calls,answered,billableSeconds,cost,currency\r\n,,,3,3,360,0.40083,EUR\r\n');
  });

  it('exports the costliest calls as CSV with the drill-down columns, and a SITE_ADMIN only its sites', async () => {
    const { res, text } = await csv('top?from=2026-03-01&to=2026-03-31&by=calls&limit=2&format=csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="report-top-calls-2026-03-01-2026-03-31.csv"');
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r['id'], r['siteCode'], r['cost']])).toEqual([
      [cdrIds['x2'], 'MUC', '0.33333'],
      [cdrIds['x3'], 'BER', '0.04500'],
    ]);
    const drillDown = await csv('cdrs?from=2026-03-01&to=2026-03-31&format=csv');
    expect(text.split('\r\n')[0]).toBe(drillDown.text.split('\r\n')[0]);
    const siteAdmin = await t.token('SITE_ADMIN');
    const mine = parse((await csv('top?from=2026-03-01&to=2026-03-31&by=calls&format=csv', siteAdmin)).text, { columns: true }) as Array<
      Record<string, string>
    >;
    expect(mine.map((r) => r['id'])).toEqual([cdrIds['x2']]);
    const refused = await request(h.http)
      .get(`/api/v1/reports/top?from=2026-03-01&to=2026-03-31&by=calls&format=csv&siteId=${ber.id}`)
      .set(auth(siteAdmin));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const otherTenant = await csv('top?from=2026-03-01&to=2026-03-31&by=destinations&format=csv', await bulk.token('FINANCE'));
    expect(otherTenant.text).not.toContain('SUM');
  });

  it('starts the file with a UTF-8 byte-order mark for Excel when asked', async () => {
    const withBom = await csv('summary?from=2026-03-01&to=2026-03-31&groupBy=site&format=csv&bom=true');
    expect([...withBom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.bytes.subarray(3).toString('utf8')).toMatch(/^siteCode,siteName,siteId,calls/);
    const without = await csv('summary?from=2026-03-01&to=2026-03-31&groupBy=site&format=csv');
    expect(without.bytes[0]).toBe('s'.charCodeAt(0));
    expect(without.text).toContain('"München, Süd"');
  });

  it('answers CSV to an Accept header that prefers it, JSON otherwise, and format wins', async () => {
    const path = 'cdrs?from=2026-03-01&to=2026-03-31';
    expect((await csv(path, finance, { Accept: 'text/csv' })).res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const json = await request(h.http).get(`/api/v1/reports/${path}`).set(auth(finance)).set('Accept', 'application/json, text/csv;q=0.5');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body.total).toBe(3);
    const forced = await request(h.http).get(`/api/v1/reports/${path}&format=json`).set(auth(finance)).set('Accept', 'text/csv');
    expect(forced.headers['content-type']).toMatch(/^application\/json/);
  });

  it('exports a SITE_ADMIN its sites only and refuses another site as problem+json, CSV asked or not', async () => {
    const siteAdmin = await t.token('SITE_ADMIN');
    const { text } = await csv('cdrs?from=2026-03-01&to=2026-03-31&format=csv', siteAdmin);
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r['id'])).toEqual([cdrIds['x2']]);
    const refused = await request(h.http)
      .get(`/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=site&format=csv&siteId=${ber.id}`)
      .set(auth(siteAdmin))
      .set('Accept', 'text/csv');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const viewer = await request(h.http).get('/api/v1/reports/cdrs?from=2026-03-01&to=2026-03-31&format=csv').set(auth(await t.token('VIEWER')));
    expect(viewer.status).toBe(403);
  });

  it("never exports another tenant's calls", async () => {
    const { text } = await csv('summary?from=2026-03-01&to=2026-03-31&groupBy=month&format=csv');
    expect(text).toBe('period,periodStart,periodEnd,calls,answered,billableSeconds,cost,currency\r\n2026-03,2026-03-01,2026-03-31,3,3,360,0.40083,EUR\r\n');
  });

  it('refuses compare in CSV and bad input before the file starts, as problem+json', async () => {
    const compare = await request(h.http).get('/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=site&format=csv&compare=true').set(auth(finance));
    expect(compare.status).toBe(422);
    expect(compare.body['invalid-params']).toEqual([{ name: 'compare', reason: expect.any(String) }]);
    const groupBy = await request(h.http).get('/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=colour&format=csv').set(auth(finance));
    expect(groupBy.status).toBe(422);
    expect(groupBy.headers['content-type']).toMatch(/^application\/problem\+json/);
    const format = await request(h.http).get('/api/v1/reports/cdrs?from=2026-03-01&to=2026-03-31&format=xml').set(auth(finance));
    expect(format.body['invalid-params']).toEqual([{ name: 'format', reason: expect.any(String) }]);
  });

  describe('streaming', () => {
    let base: string;
    let bulkFinance: string;
    const pool = () => h.app.get(SqlPool);
    /** Sessions holding an export's cursor open, waiting for the client to read on. */
    const openCursors = async () =>
      (
        await h.prisma.$queryRawUnsafe<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'idle in transaction' AND query = 'FETCH FORWARD ${BATCH} FROM report_export'`,
        )
      )[0].n;
    const allReturned = () => pool().totalCount === pool().idleCount && pool().waitingCount === 0;

    beforeAll(async () => {
      const server = h.app.getHttpServer() as http.Server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      bulkFinance = await bulk.token('FINANCE');
    });

    /** Starts the bulk tenant's drill-down export and pauses after its first bytes. */
    const startPaused = () =>
      new Promise<{ req: http.ClientRequest; res: http.IncomingMessage; first: Buffer }>((resolve, reject) => {
        const req = http.get(`${base}/api/v1/reports/cdrs?from=2026-03-01&to=2026-03-31&format=csv`, { headers: auth(bulkFinance) }, (res) => {
          res.once('data', (first: Buffer) => {
            res.pause();
            resolve({ req, res, first });
          });
        });
        req.on('error', reject);
      });

    it('sends the first rows while its cursor is still open, and all of them once the client reads on', async () => {
      const { res, first } = await startPaused();
      expect(res.statusCode).toBe(200);
      expect(first.toString('utf8')).toMatch(/^id,/);
      // The client holds the start of the file; the rest is still in Postgres, behind the cursor.
      await waitFor(async () => (await openCursors()) === 1, { what: 'the export to wait on its cursor' });
      const chunks: Buffer[] = [first];
      res.on('data', (c: Buffer) => chunks.push(c));
      await new Promise((resolve) => {
        res.on('end', resolve);
        res.resume();
      });
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text.split('\r\n').length).toBe(1 + BULK_CALLS + 1);
      expect(text.length).toBeGreaterThan(15_000_000);
      await waitFor(async () => allReturned() && (await openCursors()) === 0, { what: 'the connection back in the pool' });
    }, 60_000);

    it('rolls back and hands the connection back when the client goes away mid-file', async () => {
      const { req } = await startPaused();
      await waitFor(async () => (await openCursors()) === 1, { what: 'the export to wait on its cursor' });
      req.destroy();
      await waitFor(async () => (await openCursors()) === 0 && allReturned(), { what: 'the cursor closed and its connection returned' });
      const after = await request(h.http).get('/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=site').set(auth(bulkFinance));
      expect(after.body.totals).toMatchObject({ calls: BULK_CALLS, cost: '1350.00000' });
    }, 60_000);
  });
});
