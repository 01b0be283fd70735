import request from 'supertest';
import { assignSites, auth, createTenant, siteBody, type Harness, type TenantFixture } from './accounts-harness';

/**
 * November 2026 of a tenant whose zone is Europe/Berlin (CET, +01:00, all
 * month), for the report file tests. Worked out by hand:
 *   n1 BER Anna OUTBOUND ANSWERED "Germany fixed" DE   60 s 0.02250  11-02
 *   n2 BER Ben  OUTBOUND ANSWERED '=HYPERLINK(...)' FR 180 s 0.33333  11-03 (a rate description a spreadsheet would run)
 *   n3 BER Anna EMERGENCY ANSWERED "Emergency"          30 s 0.00000  11-03
 *   n4 BER → Ben INBOUND ANSWERED                       120 s 0.00000  11-15
 *   n5 BER Anna → Carla INTERNAL ANSWERED                45 s 0.00000  11-20
 *   n6 BER Ben  OUTBOUND NO_ANSWER "Germany fixed"        0 s 0.00000  11-30 23:59:59 CET (the last second)
 *   n7 MUC Carla OUTBOUND ANSWERED "USA" US             300 s 0.45005  11-10
 *   BER: 6 calls, 5 answered, 435 s, 0.35583; the tenant: 7 calls, 6 answered, 735 s, 0.80588.
 * Not counted: n8 (12-01 00:00 CET, December) and another tenant's call (5.00000) on 11-02.
 */
export const HYPERLINK = '=HYPERLINK("http://attacker.example","click")';

export interface FinanceMonth {
  t: TenantFixture;
  other: TenantFixture;
  ber: { id: string };
  muc: { id: string };
  ids: Record<string, string>;
  cdrIds: Record<string, string>;
}

export async function seedFinanceMonth(h: Harness): Promise<FinanceMonth> {
  const t = await createTenant(h);
  const other = await createTenant(h);
  const admin = await t.token('ADMIN');
  const post = async (path: string, body: object, token = admin) => {
    const res = await request(h.http).post(`/api/v1${path}`).set(auth(token)).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const ber = await post('/sites', siteBody({ name: 'Berlin', code: 'BER', costCentre: 'CC-BER', timeZone: 'Europe/Berlin' }));
  const muc = await post('/sites', siteBody({ name: 'München', code: 'MUC', costCentre: 'CC-MUC', timeZone: 'Europe/Berlin' }));
  await assignSites(h, t, 'SITE_ADMIN', [muc.id]);
  const ext = async (site: { id: string; extensionRangeStart: number }, n: number, displayName: string) =>
    (await post('/extensions', { siteId: site.id, number: String(site.extensionRangeStart + n), displayName })).id as string;
  const ids: Record<string, string> = {
    anna: await ext(ber, 1, 'Anna'),
    ben: await ext(ber, 2, 'Ben'),
    carla: await ext(muc, 1, 'Carla'),
    gw: (await post('/gateways', { name: 'carrier-a', host: '127.0.0.1', port: 5071 })).id,
  };

  const cdrIds: Record<string, string> = {};
  let n = 0;
  const cdr = async (name: string, tenantId: string, c: Record<string, unknown>) => {
    const startedAt = new Date(c['startedAt'] as string);
    const billableSec = (c['billableSec'] as number | undefined) ?? 0;
    const row = await h.prisma.cdr.create({
      data: {
        tenantId,
        callId: `files-${tenantId}-${++n}`,
        direction: 'OUTBOUND',
        disposition: 'ANSWERED',
        callerNumber: '1001',
        dialedNumber: '0',
        gatewayId: tenantId === t.tenantId ? ids['gw'] : null,
        durationSec: billableSec,
        ...c,
        startedAt,
        endedAt: new Date(startedAt.getTime() + billableSec * 1000),
        billableSec,
      } as never,
    });
    cdrIds[name] = row.id;
  };
  const out = (site: { id: string }, who: string, number: string, rate: string | null) => ({
    siteId: site.id,
    callerExtensionId: ids[who],
    normalizedNumber: number,
    rateDescription: rate,
  });
  const mine = t.tenantId;
  await cdr('n1', mine, { ...out(ber, 'anna', '+49301234567', 'Germany fixed'), startedAt: '2026-11-02T09:00:00Z', billableSec: 60, cost: '0.0225' });
  await cdr('n2', mine, { ...out(ber, 'ben', '+33142685300', HYPERLINK), startedAt: '2026-11-03T10:00:00Z', billableSec: 180, cost: '0.33333' });
  await cdr('n3', mine, {
    ...out(ber, 'anna', '112', 'Emergency'),
    direction: 'EMERGENCY',
    startedAt: '2026-11-03T11:00:00Z',
    billableSec: 30,
    cost: '0',
  });
  await cdr('n4', mine, { siteId: ber.id, direction: 'INBOUND', calleeExtensionId: ids['ben'], startedAt: '2026-11-15T08:00:00Z', billableSec: 120, cost: '0' });
  await cdr('n5', mine, {
    siteId: ber.id,
    direction: 'INTERNAL',
    callerExtensionId: ids['anna'],
    calleeExtensionId: ids['carla'],
    gatewayId: null,
    startedAt: '2026-11-20T08:00:00Z',
    billableSec: 45,
    cost: '0',
  });
  await cdr('n6', mine, { ...out(ber, 'ben', '+49301234568', 'Germany fixed'), disposition: 'NO_ANSWER', startedAt: '2026-11-30T22:59:59Z', cost: '0' });
  await cdr('n7', mine, { ...out(muc, 'carla', '+12125550100', 'USA'), startedAt: '2026-11-10T12:00:00Z', billableSec: 300, cost: '0.45005' });
  await cdr('n8', mine, { ...out(ber, 'anna', '+12125550101', 'USA'), startedAt: '2026-11-30T23:00:00Z', billableSec: 600, cost: '9.99999' });
  await cdr('x1', other.tenantId, { normalizedNumber: '+49301234567', rateDescription: 'Germany fixed', startedAt: '2026-11-02T09:00:00Z', billableSec: 60, cost: '5' });
  return { t, other, ber, muc, ids, cdrIds };
}
