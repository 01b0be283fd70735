import { SipPhone, dashboardMetrics, freePort, runSipp, scrapeMetrics, waitFor, type MetricsScrape } from '@branchline/testing';
import { createPhones, credentialsCsv, startRegistrar, type RegistrarHarness } from '../testing/registrar-harness';

const PASSWORD = 'Phone-Secret-2026!';
const DOMAIN = 'metrics.example';
const REGISTRATIONS = 'branchline_registrar_registrations_total';
const LOCKOUTS = 'branchline_registrar_lockouts_total';

/** The registrar's /metrics and /health/* on its own port, after real REGISTERs through sip-server. */
describe('registrar metrics and health', () => {
  let h: RegistrarHarness;
  let base: string;
  const phones: SipPhone[] = [];

  beforeAll(async () => {
    const port = await freePort();
    // sipp answers MD5 challenges only; two failures from one address lock that (user, address) out
    h = await startRegistrar('registrar-metrics', { DIGEST_ALGORITHM: 'MD5', METRICS_PORT: String(port), LOCKOUT_THRESHOLD: '2' });
    base = `http://127.0.0.1:${port}`;
    await createPhones(h, DOMAIN, ['1001', '1002'], PASSWORD);
  });
  afterAll(async () => {
    phones.forEach((p) => p.close());
    await h.close();
  });

  const phone = async (user: string, source: string) => {
    const p = await SipPhone.open(user, DOMAIN, { host: '127.0.0.1', port: h.sip.sipPort }, source);
    phones.push(p);
    return p;
  };
  const moved = (before: MetricsScrape, after: MetricsScrape, name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);

  it('counts a phone registration as one challenge and one ok, and its binding as active', async () => {
    const before = await scrapeMetrics(base);
    const r = await runSipp({
      scenario: 'registrar/register.xml',
      remote: `127.0.0.1:${h.sip.sipPort}`,
      localPort: await freePort(),
      calls: 1,
      extraArgs: ['-inf', credentialsCsv([{ user: '1001', domain: DOMAIN, password: PASSWORD }])],
      timeoutSeconds: 20,
    });
    expect(r.code).toBe(0);
    const after = await scrapeMetrics(base);
    expect(moved(before, after, REGISTRATIONS, { result: 'challenged' })).toBe(1);
    expect(moved(before, after, REGISTRATIONS, { result: 'ok' })).toBe(1);
    expect(moved(before, after, REGISTRATIONS, {})).toBe(2);
    expect(after.value('branchline_registrar_active_bindings', { service: 'registrar' })).toBe(1);
  });

  it('counts a wrong password as refused, then the lockout it sets off and the REGISTERs refused for it', async () => {
    const attacker = await phone('1002', '127.0.4.1');
    const before = await scrapeMetrics(base);
    expect((await attacker.registerWithAuth('wrong')).final?.status).toBe(403);
    expect((await attacker.registerWithAuth('wrong')).final?.status).toBe(403);
    // locked out now: refused before any challenge
    expect((await attacker.register())?.status).toBe(403);
    const after = await scrapeMetrics(base);
    expect(moved(before, after, REGISTRATIONS, { result: 'challenged' })).toBe(2);
    expect(moved(before, after, REGISTRATIONS, { result: 'refused' })).toBe(1);
    expect(moved(before, after, REGISTRATIONS, { result: 'locked' })).toBe(2);
    expect(moved(before, after, REGISTRATIONS, {})).toBe(5);
    expect(moved(before, after, LOCKOUTS, { reason: 'user-source-lockout' })).toBe(1);
    // the same failures slow the user down everywhere else (libs/sip-defence)
    expect(moved(before, after, LOCKOUTS, { reason: 'user-slowdown' })).toBe(1);
    expect(moved(before, after, LOCKOUTS, { reason: 'source-lockout' })).toBe(0);
    expect(after.value(REGISTRATIONS, { result: 'ok' })).toBe(before.value(REGISTRATIONS, { result: 'ok' }));
  });

  it('counts a domain nobody serves, and never puts a user, an address or a Call-ID in a label', async () => {
    const stranger = await SipPhone.open('1001', 'nobody.invalid', { host: '127.0.0.1', port: h.sip.sipPort }, '127.0.4.2');
    phones.push(stranger);
    const before = await scrapeMetrics(base);
    expect((await stranger.register())?.status).toBe(404);
    const after = await scrapeMetrics(base);
    expect(moved(before, after, REGISTRATIONS, { result: 'domain-not-served' })).toBe(1);
    const labels = (after.text.match(/\{[^}]*\}/g) ?? []).join(' ');
    expect(labels).toContain('result="domain-not-served"');
    expect(labels).not.toMatch(/1001|1002|127\.0\.|metrics\.example|nobody\.invalid|@/);
  });

  it('has the Node process metrics, labelled with the service', async () => {
    const m = await scrapeMetrics(base);
    expect(m.value('nodejs_eventloop_lag_p99_seconds', { service: 'registrar' })).toBeGreaterThan(0);
    expect(m.text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(m.value('process_resident_memory_bytes', { service: 'registrar' })).toBeGreaterThan(0);
  });

  it('serves every registrar and Node metric the Grafana dashboard queries', async () => {
    const m = await scrapeMetrics(base);
    const queried = [...dashboardMetrics('branchline_registrar_'), ...dashboardMetrics('nodejs_')];
    expect(queried.length).toBeGreaterThanOrEqual(6);
    expect(queried.filter((name) => !m.has(name))).toEqual([]);
  });

  it('is live, ready while Postgres, Redis and sip-server are up, and not ready once sip-server is gone', async () => {
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' }, drachtio: { status: 'up' } } });

    await h.sip.stop();
    let body: unknown;
    await waitFor(async () => {
      const r = await fetch(`${base}/health/ready`);
      body = await r.json();
      return r.status === 503;
    }, { timeoutMs: 10_000, what: 'readiness to fail without sip-server' });
    expect(body).toEqual({
      status: 'unavailable',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' }, drachtio: { status: 'down', error: 'not connected' } },
    });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
