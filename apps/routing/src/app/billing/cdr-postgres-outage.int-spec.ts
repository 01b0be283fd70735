import { randomBytes } from 'node:crypto';
import * as dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Events, type CallAnsweredEvent, type CallEndedEvent } from '@branchline/contracts';
import {
  SIPP_DIR,
  captureRedisEvents,
  freePort,
  registerPhones,
  runSipp,
  startPrivatePostgres,
  startSippUas,
  waitFor,
  waitForUdpBound,
  type CapturedEvent,
  type PrivatePostgres,
} from '@branchline/testing';
import { callCsv, createTenant, startRouting, type RoutingHarness } from '../../testing/routing-harness';
import type { CdrRow } from '../../testing/cdr-row';
import type { CdrRecord } from './cdr-pricing';
import { RoutingKeys } from '../routing-keys';

const DOMAIN = 'outage.test';
const PASSWORD = 'Phone-Secret-2026!';

/**
 * Issue #6: Postgres stopped during a call → the CDR arrives after it
 * restarts. Routing, the registrar and the assertions use a private Postgres
 * cluster the test really stops (pg_ctl stop -m fast) and starts again, while
 * sipp phones make a call through the real sip-server.
 */
describe('a call that ends while Postgres is down (private Postgres, sipp phones)', () => {
  let pg: PrivatePostgres;
  let h: RoutingHarness;
  let keys: RoutingKeys;
  let ext: Map<string, { id: string; siteId: string }>;
  let events: Awaited<ReturnType<typeof captureRedisEvents>>;
  let scenarioDir: string;
  let callerScenario: string;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    // The smallest spool retry the config allows, so the CDR follows Postgres' return closely.
    h = await startRouting('cdr-outage', { CDR_SPOOL_RETRY_MS: '50' }, { databaseUrl: pg.url });
    keys = new RoutingKeys(h.config.REDIS_PREFIX);
    const t = await createTenant(
      h,
      DOMAIN,
      [
        {
          name: 'Berlin',
          code: 'BER',
          areaCode: '30',
          costCentre: 'CC-BER',
          range: [1000, 2999],
          phones: [{ number: '1000' }, { number: '2000' }],
        },
      ],
      PASSWORD,
    );
    ext = t.extensions;
    events = await captureRedisEvents([Events.CallAnswered, Events.CallEnded]);

    // call-answered.xml, except that the caller hangs up on the test's cue (an INFO it sends
    // to the phone) instead of after a second: the test decides when the call ends.
    const answered = readFileSync(join(SIPP_DIR, 'routing/call-answered.xml'), 'utf8');
    const holdUntilCue = answered.replace(
      '<pause milliseconds="1000"/>',
      '<recv request="INFO" timeout="30000"/>',
    );
    if (holdUntilCue === answered)
      throw new Error('routing/call-answered.xml no longer has the one-second pause this test replaces');
    scenarioDir = mkdtempSync(join(tmpdir(), 'cdr-outage-'));
    writeFileSync(join(scenarioDir, 'call-answered-hangup-on-cue.xml'), holdUntilCue);
    callerScenario = relative(SIPP_DIR, join(scenarioDir, 'call-answered-hangup-on-cue.xml'));
  }, 120_000);
  afterAll(async () => {
    await events?.close();
    await h?.close();
    await pg?.close();
    if (scenarioDir) rmSync(scenarioDir, { recursive: true, force: true });
  });

  /** The test's cue to the caller's sipp to hang up: an INFO in its call (the PBX never sees it). */
  async function cueHangup(callerPort: number, callId: string): Promise<void> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
    const info = [
      `INFO sip:1000@127.0.0.1:${callerPort} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${socket.address().port};branch=z9hG4bK-cue-${randomBytes(4).toString('hex')}`,
      `From: <sip:test-cue@127.0.0.1>;tag=cue`,
      `To: <sip:1000@${DOMAIN}>`,
      `Call-ID: ${callId}`,
      'CSeq: 1 INFO',
      'Max-Forwards: 70',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    try {
      await new Promise<void>((done, fail) =>
        socket.send(info, callerPort, '127.0.0.1', (err) => (err ? fail(err) : done())),
      );
    } finally {
      socket.close();
    }
  }

  const spooled = async (): Promise<CdrRecord[]> =>
    (await h.redis.xrange(keys.cdrSpool(), '-', '+')).map(
      ([, fields]) => JSON.parse(fields[fields.indexOf('cdr') + 1]) as CdrRecord,
    );
  /** CDRs the writer took for rows Postgres refuses: an outage must never put one there. */
  const rejected = async (): Promise<string[]> =>
    (await h.redis.xrange(keys.cdrRejected(), '-', '+')).map(([, fields]) => fields.join(' '));
  const endedOf = (callId: string): CapturedEvent[] =>
    events.events.filter(
      (e) => e.pattern === Events.CallEnded && (e.data as CallEndedEvent).callId === callId,
    );

  it('spools the CDR of a call that ends while Postgres is stopped and writes it once, after Postgres is back', async () => {
    const callId = `cdr-outage-${randomBytes(6).toString('hex')}@127.0.0.1`;
    // Registration reads credentials from Postgres: the callee registers while it is up.
    const [reg] = await registerPhones(h.sip, [{ user: '2000', domain: DOMAIN, password: PASSWORD }]);
    expect(reg.code).toBe(0);
    const callee = startSippUas({
      scenario: 'uas-basic.xml',
      localPort: reg.port,
      calls: 1,
      timeoutSeconds: 60,
    });
    await waitForUdpBound(reg.port);

    const callerPort = await freePort();
    const caller = runSipp({
      scenario: callerScenario,
      remote: `127.0.0.1:${h.sip.sipPort}`,
      localPort: callerPort,
      calls: 1,
      extraArgs: ['-inf', callCsv('1000', DOMAIN, PASSWORD, '2000'), '-cid_str', callId],
      timeoutSeconds: 60,
    });
    await waitFor(
      () =>
        events.events.some(
          (e) => e.pattern === Events.CallAnswered && (e.data as CallAnsweredEvent).callId === callId,
        ),
      {
        timeoutMs: 15_000,
        what: 'the call to be answered',
      },
    );

    // The call is up: stop Postgres for real; nothing can be written to it now.
    const stoppedAt = Date.now();
    await pg.stop();
    await expect(h.db.query('SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await cueHangup(callerPort, callId);
    const [callerResult, calleeResult] = await Promise.all([caller, callee.done]);
    expect(callerResult.code).toBe(0);
    expect(calleeResult.code).toBe(0);

    // The call's CDR waits in the Redis spool, and nobody has been told the call ended.
    const spool = await waitFor(
      async () => {
        const cdrs = await spooled();
        return cdrs.length ? cdrs : undefined;
      },
      { timeoutMs: 10_000, what: 'the CDR in the spool' },
    );
    expect(spool).toEqual([expect.objectContaining({ callId, disposition: 'ANSWERED' })]);
    const [spooledCdr] = spool;
    await expect(h.db.query('SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(endedOf(callId)).toHaveLength(0);

    const restartedAt = Date.now();
    await pg.start();

    // call.ended is published only once the row is in Postgres: when it arrives, the row is there.
    // A CDR taken for a bad row (the rejected stream) would never be announced: wait for either.
    await waitFor(async () => endedOf(callId).length > 0 || (await rejected()).length > 0, {
      timeoutMs: 10_000,
      what: 'call.ended (or the CDR in the rejected stream)',
    });
    expect(await rejected()).toEqual([]);
    const [ended] = endedOf(callId);
    const rows = await h.db.query<CdrRow>('SELECT * FROM cdrs WHERE call_id = $1', [callId]);
    expect(rows).toHaveLength(1);
    const [cdr] = rows;
    expect(cdr).toMatchObject({
      id: spooledCdr.id,
      call_id: callId,
      direction: 'INTERNAL',
      disposition: 'ANSWERED',
      sip_status: 200,
      hangup_by: 'CALLER',
      caller_extension_id: ext.get('1000')?.id,
      callee_extension_id: ext.get('2000')?.id,
    });
    // Answered while Postgres was up, ended while it was down, written after it came back.
    const answeredAt = cdr.answered_at?.getTime() ?? NaN;
    expect(cdr.started_at.getTime()).toBeLessThanOrEqual(answeredAt);
    expect(answeredAt).toBeLessThanOrEqual(stoppedAt);
    expect(cdr.ended_at.getTime()).toBeGreaterThanOrEqual(stoppedAt);
    expect(cdr.ended_at.getTime()).toBeLessThanOrEqual(restartedAt);
    expect(cdr.created_at.getTime()).toBeGreaterThanOrEqual(restartedAt);
    expect(ended.data).toMatchObject({
      event: 'call.ended',
      callId,
      cdrId: cdr.id,
      disposition: 'ANSWERED',
      endedAt: cdr.ended_at.toISOString(),
    });

    // Written exactly once: the spool is empty, and the call was announced once.
    expect(await spooled()).toEqual([]);
    expect(endedOf(callId)).toHaveLength(1);
  });
});
