import type Srf from 'drachtio-srf';
import { freePort, runSipp, waitFor, waitForUdpBound, type SippResult } from '@branchline/testing';
import { useSipServerWithApp } from './testing/sip-server-fixture';
import { SDP } from './testing/srf-harness';

// T1 = 50 ms makes Timer B (64*T1) 3.2 s, so "rings longer than Timer B" fits in a test.
const T1 = 50;
const TIMER_B_MS = 64 * T1;

/** A server with the given Timer C, an app connected to it, and sipp phones around it. */
function bed(timerC: number) {
  const t = useSipServerWithApp({ timers: { t1: T1, t2: 400, t4: 500, timerC } });

  async function callee(scenario: string, pauseMs = 0): Promise<{ uri: string; done: Promise<SippResult> }> {
    const port = await freePort();
    const done = runSipp({ scenario, localPort: port, calls: 1, extraArgs: pauseMs ? ['-d', String(pauseMs)] : [] });
    await waitForUdpBound(port);
    return { uri: `sip:callee@127.0.0.1:${port}`, done };
  }

  const caller = async (scenario: string) =>
    runSipp({ scenario, remote: `127.0.0.1:${t.server.sipPort}`, localPort: await freePort(), calls: 1, rate: 1 });

  /** createUAC's outcome: the answered dialog, or the status it was rejected with. */
  function call(uri: string): Promise<{ dialog?: Srf.Dialog; status?: number; atMs: number }> {
    const started = Date.now();
    return t.srf.createUAC(uri, { localSdp: SDP }).then(
      (dialog) => ({ dialog, atMs: Date.now() - started }),
      (err: { status?: number }) => ({ status: err.status, atMs: Date.now() - started }),
    );
  }

  const proxyTo = (uris: string[], opts: Record<string, unknown>) => t.srf.invite((req) => t.srf.proxyRequest(req, uris, opts));
  return { t, callee, caller, call, proxyTo };
}

describe('a call that rings longer than Timer B (64*T1)', () => {
  const { callee, caller, call, proxyTo } = bed(60_000);

  it('is connected when the callee answers (an app\'s createUAC)', async () => {
    const b = await callee('uas-ring-then-answer.xml', TIMER_B_MS + 1300);
    const r = await call(b.uri);
    expect(r.status).toBeUndefined();
    expect(r.atMs).toBeGreaterThan(TIMER_B_MS);
    r.dialog?.destroy();
    expect((await b.done).code).toBe(0);
  });

  it('is connected when the callee answers (proxied)', async () => {
    const b = await callee('uas-ring-then-answer.xml', TIMER_B_MS + 1300);
    proxyTo([b.uri], { recordRoute: true });
    const a = await caller('uac-basic.xml');
    expect({ caller: a.code, callee: (await b.done).code }).toEqual({ caller: 0, callee: 0 });
  });
});

describe('Timer C and answers that come too late', () => {
  const { t, callee, caller, call, proxyTo } = bed(1500);

  it('cancels an INVITE that rings past Timer C and answers the app 408', async () => {
    const b = await callee('uas-ring-cancel.xml');
    const r = await call(b.uri);
    expect(r.status).toBe(408);
    // the ringing phone got the CANCEL (and its 487 was ACKed): sipp's scenario ends only then
    expect((await b.done).code).toBe(0);
  });

  it('moves a serial proxy on to the next target when the first rings past Timer C, cancelling it', async () => {
    const ringer = await callee('uas-ring-cancel.xml');
    const answerer = await callee('uas-basic.xml');
    proxyTo([ringer.uri, answerer.uri], { recordRoute: true });
    const a = await caller('uac-basic.xml');
    const [r1, r2] = await Promise.all([ringer.done, answerer.done]);
    expect({ caller: a.code, ringer: r1.code, answerer: r2.code }).toEqual({ caller: 0, ringer: 0, answerer: 0 });
  });

  it('ACKs and hangs up a callee that answers after Timer B gave up on it', async () => {
    const b = await callee('uas-silent-late-answer.xml', TIMER_B_MS + 1000);
    const r = await call(b.uri);
    expect(r.status).toBe(408);
    // the scenario only succeeds once its late 200 was ACKed and a BYE came
    expect((await b.done).code).toBe(0);
    await waitFor(() => t.server.core.stats().dialogs === 0, { timeoutMs: 3000, what: 'no dialog left' });
  });

  it('ACKs and hangs up a proxied branch that answers after the caller cancelled', async () => {
    const b = await callee('uas-answer-after-cancel.xml');
    proxyTo([b.uri], {});
    const a = await caller('uac-cancel.xml');
    expect({ caller: a.code, callee: (await b.done).code }).toEqual({ caller: 0, callee: 0 });
  });
});
