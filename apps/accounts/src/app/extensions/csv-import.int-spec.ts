import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { auth, createTenant, siteBody, startAccounts, type Harness, type TenantFixture } from '../../testing/accounts-harness';

describe('CSV import and export of a site\'s extensions', () => {
  let h: Harness;
  let t: TenantFixture;
  let admin: string;
  let site: { id: string; code: string; extensionRangeStart: number };

  beforeAll(async () => {
    h = await startAccounts('csv');
    t = await createTenant(h);
    admin = await t.token('ADMIN');
    site = (await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody())).body;
  });
  afterAll(() => h.close());

  const post = (csv: string, dryRun?: boolean) =>
    request(h.http)
      .post(`/api/v1/sites/${site.id}/extensions/import`)
      .query(dryRun === undefined ? {} : { dryRun })
      .set(auth(admin))
      .set('Content-Type', 'text/csv')
      .send(csv);

  const n = (i: number) => String(site.extensionRangeStart + i);

  it('reports every row\'s problems on a dry run and writes nothing', async () => {
    const csv = [
      'number,displayName,sipPassword,classOfService,enabled',
      `${n(1)},Good Row,,NATIONAL,true`,
      `${n(2)},,,NATIONAL,true`,
      `99,Out Of Range,,NATIONAL,true`,
      `${n(1)},Duplicate,,LOCAL,yes`,
      `${n(4)},Weak Password,abc,NATIONAL,true`,
      `${n(5)},Bad Class,,GALACTIC,true`,
    ].join('\n');
    const res = await post(csv, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 6, valid: false, imported: 0 });
    expect(res.body.errors).toEqual([
      { row: 2, field: 'displayName', reason: 'is required' },
      { row: 3, field: 'number', reason: expect.stringContaining('range') },
      { row: 4, field: 'number', reason: 'duplicates row 1' },
      { row: 4, field: 'sipUsername', reason: 'duplicates row 1' },
      { row: 5, field: 'sipPassword', reason: 'must be at least 12 characters' },
      { row: 6, field: 'classOfService', reason: expect.any(String) },
    ]);
    expect(await h.prisma.extension.count({ where: { siteId: site.id } })).toBe(0);
  });

  it('imports nothing when one row is bad (all or nothing)', async () => {
    const res = await post(['number,displayName', `${n(10)},Fine`, `${n(11)},Fine too`, `abc,Broken`].join('\n'));
    expect(res.status).toBe(422);
    expect(res.body['invalid-params'][0]).toMatchObject({ name: 'row 3: number' });
    expect(await h.prisma.extension.count({ where: { siteId: site.id } })).toBe(0);
  });

  it('refuses numbers already taken in the tenant', async () => {
    await request(h.http).post('/api/v1/extensions').set(auth(admin)).send({ siteId: site.id, number: n(20), displayName: 'Existing' });
    const res = await post(['number,displayName', `${n(20)},Clash`].join('\n'), true);
    expect(res.body.errors).toEqual([
      { row: 1, field: 'number', reason: `${n(20)} is already in use` },
      { row: 1, field: 'sipUsername', reason: `${n(20)} is already in use` },
    ]);
  });

  it('rejects a file with unknown columns, no rows, or the wrong content type', async () => {
    expect((await post('number,displayName,colour\n1,x,red')).body['invalid-params'][0].reason).toContain('unknown column(s) colour');
    expect((await post('number,displayName\n')).status).toBe(422);
    const json = await request(h.http).post(`/api/v1/sites/${site.id}/extensions/import`).set(auth(admin)).send({ number: '1' });
    expect(json.status).toBe(422);
  });

  it('imports valid rows, keeps given passwords secret and returns generated ones once', async () => {
    const res = await post(
      ['number,displayName,sipUsername,sipPassword,externalCallerId,classOfService,enabled', `${n(30)},Given Pw,alice,Very-Secret-Pass-1,+4930555,INTERNATIONAL,true`, `${n(31)},Generated,,,,INTERNAL,false`].join('\n'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 2, valid: true });
    expect(res.body.credentials).toEqual([{ number: n(31), sipUsername: n(31), sipPassword: expect.stringMatching(/^[A-Za-z0-9]{20}$/) }]);
    const alice = await h.prisma.extension.findFirstOrThrow({ where: { tenantId: t.tenantId, sipUsername: 'alice' } });
    expect(alice).toMatchObject({ classOfService: 'INTERNATIONAL', externalCallerId: '+4930555', enabled: true });
    expect(alice.sipPasswordEnc).not.toContain('Very-Secret');
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { tenantId: t.tenantId, action: 'extensions.imported' } });
    expect(audit.after).toMatchObject({ siteId: site.id, count: 2 });
  });

  it('exports the same columns, without passwords, and the export imports back', async () => {
    const res = await request(h.http).get(`/api/v1/sites/${site.id}/extensions/export`).set(auth(admin));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`extensions-${site.code}.csv`);
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(['number', 'displayName', 'sipUsername', 'sipPassword', 'externalCallerId', 'classOfService', 'enabled']);
    expect(rows.every((r) => r['sipPassword'] === '')).toBe(true);
    expect(rows.find((r) => r['sipUsername'] === 'alice')).toMatchObject({ number: n(30), classOfService: 'INTERNATIONAL', enabled: 'true' });

    const target = (await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody({ extensionRangeStart: site.extensionRangeStart + 500_000, extensionRangeEnd: site.extensionRangeStart + 500_999 }))).body;
    const moved = res.text.replace(/^(\d+)/gm, (d) => String(Number(d) + 500_000)).replace(/alice/, 'alice2');
    const usernamesShifted = moved
      .split('\n')
      .map((line, i) => (i === 0 || !line ? line : line.replace(/^(\d+),([^,]*),(\d+),/, (_m, num, name) => `${num},${name},${num},`)))
      .join('\n');
    const back = await request(h.http)
      .post(`/api/v1/sites/${target.id}/extensions/import`)
      .set(auth(admin))
      .set('Content-Type', 'text/csv')
      .send(usernamesShifted);
    expect(back.status).toBe(200);
    expect(back.body.imported).toBe(rows.length);
  });

  describe('cells a spreadsheet would run as formulas', () => {
    const risky = ["'=Zitat", '=HYPERLINK("http://evil.example","Click")', "=cmd|' /C calc'!A0", '+49 Empfang', '-Lager-', '@Team', '=Team='];
    let formulaSite: { id: string; extensionRangeStart: number };

    beforeAll(async () => {
      formulaSite = (await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody())).body;
      for (const [i, displayName] of risky.entries()) {
        const res = await request(h.http)
          .post('/api/v1/extensions')
          .set(auth(admin))
          .send({ siteId: formulaSite.id, number: String(formulaSite.extensionRangeStart + i), displayName, externalCallerId: '+4930555000' });
        expect(res.status).toBe(201);
      }
    });

    const exportOf = async (siteId: string) => {
      const res = await request(h.http).get(`/api/v1/sites/${siteId}/extensions/export`).set(auth(admin));
      expect(res.status).toBe(200);
      return { text: res.text, rows: parse(res.text, { columns: true }) as Array<Record<string, string>> };
    };

    it('exports them with a leading apostrophe, so no cell starts with = + - or @', async () => {
      const { rows } = await exportOf(formulaSite.id);
      expect(rows.map((r) => r['displayName'])).toEqual(risky.map((v) => `'${v}`));
      expect(rows.every((r) => r['externalCallerId'] === "'+4930555000")).toBe(true);
      const cells = rows.flatMap((r) => Object.values(r));
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    });

    it('imports such an export back to exactly the original values', async () => {
      const { text } = await exportOf(formulaSite.id);
      const target = (await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody())).body;
      const shift = target.extensionRangeStart - formulaSite.extensionRangeStart;
      const moved = text
        .split('\n')
        .map((line, i) => (i === 0 || !line ? line : line.replace(/^(\d+),(.*?),(\d+),/, (_m, num: string, name: string) => `${Number(num) + shift},${name},${Number(num) + shift},`)))
        .join('\n');
      const back = await request(h.http)
        .post(`/api/v1/sites/${target.id}/extensions/import`)
        .set(auth(admin))
        .set('Content-Type', 'text/csv')
        .send(moved);
      expect(back.status).toBe(200);
      const imported = await h.prisma.extension.findMany({ where: { siteId: target.id }, orderBy: { number: 'asc' } });
      expect(imported.map((e) => e.displayName)).toEqual(risky);
      expect(imported.every((e) => e.externalCallerId === '+4930555000')).toBe(true);
    });
  });
});
