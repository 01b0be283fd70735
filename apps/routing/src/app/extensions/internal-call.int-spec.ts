import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, type CallEndedEvent } from '@branchline/contracts';
import { captureRedisEvents, registerPhones, startSippUas, waitFor, waitForUdpBound, type SippResult } from '@branchline/testing';
import { cdrsOf, createTenant, placeCall, startRouting, type RoutingHarness } from '../../testing/routing-harness';
import type { CdrRow } from '../../testing/cdr-row';

const DOMAIN = 'acme.test';
const PASSWORD = 'Phone-Secret-2026!';

/** Phones of two sites registered through the real registrar call each other through the real sip-server. */
describe('internal calls (sipp phones through sip-server, registrar and routing)', () => {
  let h: RoutingHarness;
  let ext: Map<string, { id: string; siteId: string }>;
  let sites: Map<string, string>;
  let events: Awaited<ReturnType<typeof captureRedisEvents>>;

  beforeAll(async () => {
    h = await startRouting('internal-call', { RING_TIMEOUT_SECONDS: '2' });
    const t = await createTenant(
      h,
      DOMAIN,
      [
        { name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [1000, 1999], phones: [{ number: '1000' }, { number: '1001' }, { number: '1002' }, { number: '1003' }, { number: '1004' }, { number: '1005' }] },
        { name: 'Hamburg', code: 'HAM', areaCode: '40', costCentre: 'CC-HAM', range: [2000, 2999], phones: [{ number: '2000' }, { number: '2001' }, { number: '2002' }, { number: '2003' }, { number: '2004' }, { number: '2005' }, { number: '2006' }, { number: '2009' }] },
      ],
      PASSWORD,
    );
    ext = t.extensions;
    sites = t.siteIds;
    events = await captureRedisEvents([Events.CallAnswered, Events.CallEnded]);
  }, 120_000);
  afterAll(async () => {
    await events?.close();
    await h?.close();
  });

  /** Registers `number` through the registrar, then listens with a sipp UAS on the port it registered from. */
  async function callee(number: string, scenario: string, extraArgs: string[] = []): Promise<{ done: Promise<SippResult> }> {
    const [reg] = await registerPhones(h.sip, [{ user: number, domain: DOMAIN, password: PASSWORD }]);
    expect(reg.code).toBe(0);
    const uas = startSippUas({ scenario, localPort: reg.port, calls: 1, timeoutSeconds: 30, extraArgs });
    await waitForUdpBound(reg.port);
    return uas;
  }

  /** A callee that logs what it got (`<log message="a=..|b=.."/>` in its scenario): the fields of its first such line. */
  async function loggingCallee(number: string, scenario: string, firstField: string): Promise<{ done: Promise<SippResult>; seen: () => Record<string, string> }> {
    const log = join(mkdtempSync(join(tmpdir(), 'callee-log-')), 'callee.log');
    const uas = await callee(number, scenario, ['-trace_logs', '-log_file', log]);
    const seen = () => {
      const line = readFileSync(log, 'utf8').split('\n').find((l) => l.startsWith(`${firstField}=`)) ?? '';
      return Object.fromEntries(line.split('|').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1).trim()]));
    };
    return { done: uas.done, seen };
  }

  const call = (scenario: string, caller: string, dialed: string, password = PASSWORD): Promise<SippResult> =>
    placeCall(h, scenario, { caller, domain: DOMAIN, password, dialed });

  const cdrOf = (callerNumber: string, dialed: string) => cdrsOf<CdrRow>(h, callerNumber, dialed);

  it('challenges a caller with 407 and connects the call across sites once it authenticates', async () => {
    const uas = await callee('2000', 'uas-basic.xml');
    const r = await call('call-answered.xml', '1000', '2000');
    // Both phones saw the whole call: 407, INVITE with digest, 180/200, ACK and BYE through the record-route.
    expect(r.code).toBe(0);
    expect((await uas.done).code).toBe(0);

    // events travel on channels every test file shares: pick this call's by its caller's extension id
    const answered = await waitFor(
      () => events.events.find((e) => e.pattern === Events.CallAnswered && (e.data as { callerExtensionId?: string }).callerExtensionId === ext.get('1000')?.id),
      { what: 'call.answered' },
    );
    expect(answered.data).toMatchObject({
      event: 'call.answered',
      direction: 'INTERNAL',
      callerExtensionId: ext.get('1000')?.id,
      calleeExtensionId: ext.get('2000')?.id,
      siteId: sites.get('BER'),
      dialedNumber: '2000',
    });
    // The BYE passing through the record-routed dialog ends the CDR (drachtio's cdr:stop).
    const [cdr] = await cdrOf('1000', '2000');
    expect(cdr).toMatchObject({
      direction: 'INTERNAL',
      disposition: 'ANSWERED',
      sip_status: 200,
      caller_extension_id: ext.get('1000')?.id,
      callee_extension_id: ext.get('2000')?.id,
      site_id: sites.get('BER'),
      cost_centre: 'CC-BER',
      billable_sec: 0,
      cost: '0.00000',
      hangup_by: 'CALLER',
    });
    expect(cdr.answered_at).not.toBeNull();
    expect(cdr.started_at.getTime()).toBeLessThanOrEqual(cdr.answered_at?.getTime() ?? 0);
    expect(cdr.answered_at?.getTime() ?? Infinity).toBeLessThanOrEqual(cdr.ended_at.getTime());
    await waitFor(() => events.events.some((e) => e.pattern === Events.CallEnded && (e.data as CallEndedEvent).callId === cdr.call_id), { what: 'call.ended' });
  });

  it('never lets the callee’s phone see the caller’s digest credentials (RFC 3261 §22.3)', async () => {
    const uas = await loggingCallee('2005', 'routing/uas-log-invite.xml', 'from');
    const r = await call('call-answered.xml', '1000', '2005');
    expect(r.code).toBe(0);
    expect((await uas.done).code).toBe(0);
    const seen = uas.seen();
    // The call reached the callee, showing who calls ...
    expect(seen['from']).toMatch(/<sip:1000@acme\.test>/);
    // ... and nothing of the caller's proof of its password for this PBX's realm.
    expect(seen['pauth']).toBe('');
    expect(seen['auth']).toBe('');
  });

  it('relays a re-INVITE adding video both ways, its SDP as the phones wrote it', async () => {
    const uas = await loggingCallee('2006', 'routing/uas-video-reinvite.xml', 'video');
    // The caller's scenario checks the callee's video answer (m=video 51372) reached it.
    const r = await call('call-add-video.xml', '1001', '2006');
    expect(r.code).toBe(0);
    expect((await uas.done).code).toBe(0);
    expect(uas.seen()).toEqual({ video: 'm=video 49170 RTP/AVP 96', fmtp: 'a=fmtp:96 profile-level-id=42e01f;packetization-mode=1' });
    const [cdr] = await cdrOf('1001', '2006');
    expect(cdr).toMatchObject({ disposition: 'ANSWERED', hangup_by: 'CALLER' });
  });

  it('passes the callee’s 486 back to the caller and records a BUSY call', async () => {
    const uas = await callee('2001', 'uas-reject-486.xml');
    const r = await call('call-busy.xml', '1001', '2001');
    expect(r.code).toBe(0);
    expect((await uas.done).code).toBe(0);
    const [cdr] = await cdrOf('1001', '2001');
    expect(cdr).toMatchObject({
      direction: 'INTERNAL',
      disposition: 'BUSY',
      sip_status: 486,
      caller_extension_id: ext.get('1001')?.id,
      callee_extension_id: ext.get('2001')?.id,
      site_id: sites.get('BER'),
      cost_centre: 'CC-BER',
      answered_at: null,
      duration_sec: 0,
      billable_sec: 0,
      hangup_by: 'CALLEE',
    });
    expect(Number(cdr.cost)).toBe(0);
    expect(cdr.started_at.getTime()).toBeLessThanOrEqual(cdr.ended_at.getTime());
    // Announced only once the CDR is in Postgres.
    const ended = await waitFor(() => events.events.find((e) => (e.data as CallEndedEvent).callId === cdr.call_id), { what: 'call.ended' });
    expect(ended.data).toMatchObject({ event: 'call.ended', disposition: 'BUSY', sipStatus: 486, cost: '0.00000', tenantId: expect.any(String) });
  });

  it('answers 480 when the callee has nothing registered', async () => {
    const r = await call('call-unavailable.xml', '1002', '2009');
    expect(r.code).toBe(0);
    const [cdr] = await cdrOf('1002', '2009');
    expect(cdr).toMatchObject({ disposition: 'NO_ANSWER', sip_status: 480, answered_at: null });
  });

  it('propagates the caller’s CANCEL to the ringing callee and records a CANCELLED call', async () => {
    const uas = await callee('2002', 'uas-ring-cancel.xml');
    const r = await call('call-cancel.xml', '1003', '2002');
    expect(r.code).toBe(0);
    expect((await uas.done).code).toBe(0);
    const [cdr] = await cdrOf('1003', '2002');
    expect(cdr).toMatchObject({ disposition: 'CANCELLED', sip_status: 487, answered_at: null, hangup_by: 'CALLER', cost: expect.anything() });
    expect(Number(cdr.cost)).toBe(0);
  });

  it('gives up on a callee that rings past the ring timeout: 408 to the caller, CANCEL to the callee, NO_ANSWER', async () => {
    const uas = await callee('2003', 'uas-ring-cancel.xml');
    const r = await call('call-no-answer.xml', '1004', '2003');
    expect(r.code).toBe(0);
    expect((await uas.done).code).toBe(0);
    const [cdr] = await cdrOf('1004', '2003');
    expect(cdr).toMatchObject({ disposition: 'NO_ANSWER', sip_status: 408, answered_at: null, hangup_by: 'SYSTEM' });
    expect(cdr.ended_at.getTime() - cdr.started_at.getTime()).toBeGreaterThanOrEqual(1900);
  });

  it('rings every registered phone of the callee at once, each at the address it registered from', async () => {
    const busyDesk = await callee('2004', 'uas-reject-486.xml');
    const softphone = await callee('2004', 'uas-basic.xml');
    const r = await call('call-answered.xml', '1005', '2004');
    // One phone is busy, the other answers: the caller is connected.
    expect(r.code).toBe(0);
    expect((await busyDesk.done).code).toBe(0);
    expect((await softphone.done).code).toBe(0);
  });
});
