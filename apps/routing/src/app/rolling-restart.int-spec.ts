import { createPrismaClient, type PrismaClient } from '@branchline/db';
import {
  createTestDatabase,
  freePort,
  registerPhones,
  runSipp,
  startRegistrarProcess,
  startRoutingProcess,
  startSipServerProcess,
  startSippUas,
  waitFor,
  waitForUdpBound,
  type RegistrarProcess,
  type RoutingProcess,
  type SipServerProcess,
  type TestDatabase,
} from '@branchline/testing';
import { callCsv, createTenant } from '../testing/routing-harness';

const DOMAIN = 'rolling.test';
const PASSWORD = 'Rolling-Pw-2026!';

/**
 * Issue 18's rolling restart: two routing replicas on one sip-server; the one holding a call gets
 * SIGTERM mid-call. New calls go to the other; the call goes on to its BYE, is recorded once, and
 * the replica exits cleanly.
 */
describe('a rolling restart of routing during a call', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let sip: SipServerProcess;
  let registrar: RegistrarProcess;
  const replicas: RoutingProcess[] = [];
  const metricsPorts = new Map<RoutingProcess, number>();

  beforeAll(async () => {
    db = await createTestDatabase('rolling-restart');
    prisma = createPrismaClient(db.url);
    sip = await startSipServerProcess();
    registrar = await startRegistrarProcess({ databaseUrl: db.url, sip });
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const replica = await startRoutingProcess({ databaseUrl: db.url, sip, redisPrefix: registrar.redisPrefix, env: { ROUTING_DRAIN_TIMEOUT_SECONDS: '60', METRICS_PORT: String(port) } });
      replicas.push(replica);
      metricsPorts.set(replica, port);
    }
    await createTenant({ prisma }, DOMAIN, [{ name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [1000, 1999], phones: [{ number: '1000' }, { number: '1001' }, { number: '1002' }] }], PASSWORD);
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await registrar?.stop();
    await sip?.stop();
    await prisma?.$disconnect();
    await db?.drop();
  });

  const call = async (scenario: string, caller: string, extraArgs: string[] = []) =>
    runSipp({
      scenario: `routing/${scenario}`,
      remote: `127.0.0.1:${sip.sipPort}`,
      localPort: await freePort(),
      calls: 1,
      extraArgs: ['-inf', callCsv(caller, DOMAIN, PASSWORD, '1002'), ...extraArgs],
      timeoutSeconds: 40,
    });
  const readiness = async (r: RoutingProcess) => {
    const res = await fetch(`http://127.0.0.1:${metricsPorts.get(r)}/health/ready`);
    return { status: res.status, body: (await res.json()) as { checks: Record<string, { status: string; error?: string }> } };
  };
  const callsLogged = (r: RoutingProcess) => r.output().split('"msg":"internal call"').length - 1;

  it('hands new calls to the other replica, lets the call in progress end, records both once, then exits 0', async () => {
    const [reg] = await registerPhones(sip, [{ user: '1002', domain: DOMAIN, password: PASSWORD }]);
    expect(reg.code).toBe(0);
    // it waits for each BYE longer than sipp's default receive timeout: the first call is held 6 s
    const callee = startSippUas({ scenario: 'uas-basic.xml', localPort: reg.port, calls: 2, timeoutSeconds: 40, extraArgs: ['-recv_timeout', '20000'] });
    await waitForUdpBound(reg.port);

    // A call held for 6 s; whichever replica took it is the one restarted.
    const held = call('call-answered-held.xml', '1000', ['-d', '6000']);
    const holder = await waitFor(() => replicas.find((r) => callsLogged(r) === 1), { what: 'a replica to take the call' });
    const other = replicas.find((r) => r !== holder) as RoutingProcess;
    expect((await readiness(holder)).status).toBe(200);
    holder.signal('SIGTERM');
    await waitFor(() => holder.output().includes('draining: new calls go to the other replicas'), { what: 'the drain to begin' });
    // Not ready any more (a load balancer or Kubernetes stops counting on it), but still serving its call.
    const draining = await readiness(holder);
    expect({ status: draining.status, accepting: draining.body.checks['accepting'] }).toEqual({ status: 503, accepting: { status: 'down', error: 'draining' } });
    expect((await readiness(other)).status).toBe(200);

    // A new call meanwhile: the sip-server hands it to the other replica, and it goes through.
    expect((await call('call-answered.xml', '1001')).code).toBe(0);
    expect(callsLogged(other)).toBe(1);
    expect(callsLogged(holder)).toBe(1);

    // The held call ends with the caller's BYE, through the draining replica, and is billed there.
    expect((await held).code).toBe(0);
    const calleeRun = await callee.done;
    expect({ code: calleeRun.code, ok: calleeRun.successful }).toEqual({ code: 0, ok: 2 });
    expect(await holder.exited).toBe(0);
    const cdrs = await db.query<{ caller_number: string; disposition: string; hangup_by: string; duration_sec: number }>(
      `SELECT caller_number, disposition, hangup_by, EXTRACT(EPOCH FROM (ended_at - answered_at))::int AS duration_sec FROM cdrs ORDER BY caller_number`,
    );
    expect(cdrs.map((c) => [c.caller_number, c.disposition, c.hangup_by])).toEqual([
      ['1000', 'ANSWERED', 'CALLER'],
      ['1001', 'ANSWERED', 'CALLER'],
    ]);
    // The held call was recorded for the time it was up, not cut short by the restart.
    expect(cdrs[0].duration_sec).toBeGreaterThanOrEqual(5);
  }, 90_000);
});
