import type { Suite } from './suite';
import { PLATFORM_TOKEN } from './suite';

export const PASSWORD = 'Console-Test-Login-2026';
export const PHONE_PASSWORD = 'Phone-Secret-2026!';

export interface Company {
  sipDomain: string;
  adminEmail: string;
  financeEmail: string;
  /** A SITE_ADMIN of Hamburg only. */
  siteAdminEmail: string;
  sites: Record<'BER' | 'HAM', { id: string; rangeStart: number }>;
  /** An extension of Berlin with a known SIP password (the phone the tests call). */
  callee: { id: string; number: string };
}

async function call<T = Record<string, unknown>>(s: Suite, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<T> {
  const res = await fetch(`${s.url}/api/v1${path}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const site = (code: string, name: string, n: number) => ({
  name,
  code,
  dialPrefix: String(80 + n),
  extensionRangeStart: n * 1000,
  extensionRangeEnd: n * 1000 + 999,
  timeZone: 'Europe/Berlin',
  countryCode: 'DE',
  countryCallingCode: '49',
  areaCode: n === 1 ? '30' : '40',
  outsideAccessCode: '0',
  costCentre: `CC-${code}`,
  emergencyCallerId: '+4930123456',
});

/** A company set up as a new customer would, through the API: its admin, two sites, a finance user, a site admin and one phone's extension. */
export async function seedCompany(s: Suite, slug: string): Promise<Company> {
  const sipDomain = `${slug}.example`;
  const adminEmail = `it@${sipDomain}`;
  const financeEmail = `finance@${sipDomain}`;
  const siteAdminEmail = `it-hamburg@${sipDomain}`;
  await call(s, 'POST', '/platform/tenants', { name: `Firma ${slug}`, slug, sipDomain, countryCode: 'DE', admin: { email: adminEmail, name: 'Ida Admin', password: PASSWORD } }, { 'X-Platform-Token': PLATFORM_TOKEN });
  const { accessToken } = await call<{ accessToken: string }>(s, 'POST', '/auth/login', { email: adminEmail, password: PASSWORD }, {});
  const A = { Authorization: `Bearer ${accessToken}` };
  const ber = await call<{ id: string }>(s, 'POST', '/sites', site('BER', 'Berlin', 1), A);
  const ham = await call<{ id: string }>(s, 'POST', '/sites', site('HAM', 'Hamburg', 2), A);
  await call(s, 'POST', '/users', { email: financeEmail, name: 'Fiona Finance', password: PASSWORD, role: 'FINANCE' }, A);
  await call(s, 'POST', '/users', { email: siteAdminEmail, name: 'Hanna Hamburg', password: PASSWORD, role: 'SITE_ADMIN', siteIds: [ham.id] }, A);
  const callee = await call<{ id: string; number: string }>(s, 'POST', '/extensions', { siteId: ber.id, number: '1001', displayName: 'Empfang', sipPassword: PHONE_PASSWORD }, A);
  return { sipDomain, adminEmail, financeEmail, siteAdminEmail, sites: { BER: { id: ber.id, rangeStart: 1000 }, HAM: { id: ham.id, rangeStart: 2000 } }, callee: { id: callee.id, number: callee.number } };
}

/**
 * Priced calls as routing writes them, started a few seconds ago (today, this
 * month): Berlin 0.12345 + 1.50000, Hamburg 0.40000, so 2.02345 in all.
 */
export async function seedCalls(s: Suite, c: Company): Promise<void> {
  const [{ id: tenantId }] = await s.db.query<{ id: string }>('SELECT id FROM tenants WHERE sip_domain = $1', [c.sipDomain]);
  const startedAt = new Date(Date.now() - 5000);
  const calls: Array<[string, string, string]> = [
    [c.sites.BER.id, '+49301234567', '0.12345'],
    [c.sites.BER.id, '+33142685300', '1.50000'],
    [c.sites.HAM.id, '+49401234567', '0.40000'],
  ];
  for (const [i, [siteId, number, cost]] of calls.entries()) {
    await s.db.query(
      `INSERT INTO cdrs (id, tenant_id, call_id, direction, disposition, caller_number, dialed_number, normalized_number, site_id, started_at, answered_at, ended_at, duration_sec, billable_sec, cost, currency)
       VALUES (gen_random_uuid(), $1, $2, 'OUTBOUND', 'ANSWERED', '1001', $3, $3, $4, $5, $5, $5::timestamptz + interval '90 seconds', 90, 90, $6, 'EUR')`,
      [tenantId, `console-e2e-${c.sipDomain}-${i}`, number, siteId, startedAt, cost],
    );
  }
}
