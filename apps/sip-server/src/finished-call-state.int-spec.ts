import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Srf = require('drachtio-srf');
import { freePort, runSipp, waitFor, waitForUdpBound } from '@branchline/testing';
import { SipMessage } from './sip/sip-message';
import { RawSipClient } from './testing/raw-sip-client';
import { SDP } from './testing/srf-harness';
import { useSipServerWithApp } from './testing/sip-server-fixture';
import { ClientTransactions } from './transactions/client-transaction-table';
import type { ClientTxnEntry } from './transactions/transaction-entries';

/**
 * What a finished call leaves behind in the server: for 64*T1 its transactions linger (RFC 3261
 * Timers J/K/L/M), and only as much as answering retransmissions needs; once those timers have
 * run, nothing. Counted, not measured: every message the server parses or copies is watched
 * through a WeakRef, so "still held" is exact after a full GC.
 */

const T1 = 200; // transactions linger 64*T1 = 12.8 s
const CALLS = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const watched: WeakRef<SipMessage>[] = [];
const invitesSent: WeakRef<ClientTxnEntry>[] = [];
const originalParse = SipMessage.parse.bind(SipMessage);
const originalClone = SipMessage.prototype.clone;
const originalSend = ClientTransactions.prototype.sendRequestTo;

beforeAll(() => {
  SipMessage.parse = (raw: string) => watch(originalParse(raw));
  SipMessage.prototype.clone = function (this: SipMessage) {
    return watch(originalClone.call(this));
  };
  ClientTransactions.prototype.sendRequestTo = function (this: ClientTransactions, ...args: Parameters<ClientTransactions['sendRequestTo']>) {
    const entry = originalSend.apply(this, args);
    if (entry?.request.method === 'INVITE') invitesSent.push(new WeakRef(entry));
    return entry;
  };
});

afterAll(() => {
  SipMessage.parse = originalParse;
  SipMessage.prototype.clone = originalClone;
  ClientTransactions.prototype.sendRequestTo = originalSend;
});

function watch(m: SipMessage): SipMessage {
  watched.push(new WeakRef(m));
  return m;
}

/** How many of `refs` something still refers to, after a full GC (in a later turn: WeakRefs hold until then). */
async function stillHeld(refs: WeakRef<object>[]): Promise<number> {
  await new Promise((r) => setImmediate(r));
  gc();
  await new Promise((r) => setImmediate(r));
  return refs.filter((w) => w.deref() !== undefined).length;
}

type App = (srf: Srf, calleeUri: string) => void;

const uasApp: App = (srf) => {
  srf.invite((req, res) => void srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined));
};

const proxyApp: App = (srf, calleeUri) => {
  srf.invite((req) => srf.proxyRequest(req, [calleeUri], { recordRoute: true }, () => undefined));
};

/** The shape routing uses for internal calls: createUAC to the callee, then createUAS to the caller. */
const b2buaApp: App = (srf, calleeUri) => {
  srf.invite((req, res) => {
    void (async () => {
      const uac = await srf.createUAC(calleeUri, { localSdp: req.body });
      const uas = await srf.createUAS(req, res, { localSdp: uac.remote.sdp });
      uas.on('destroy', () => uac.destroy());
      uac.on('destroy', () => uas.destroy());
      // the caller's BYE may have been read in the same chunk as our 200's confirmation,
      // before these listeners existed (drachtio-srf marks the dialog disconnected)
      if (!(uas as unknown as { connected: boolean }).connected) uac.destroy();
    })().catch(() => undefined);
  });
};

describe('what a finished call leaves in the server', () => {
  const t = useSipServerWithApp({ timers: { t1: T1, t2: 8 * T1, t4: 500 } });

  async function placeCalls(app: App, withCallee: boolean): Promise<void> {
    watched.length = 0;
    invitesSent.length = 0;
    const calleePort = await freePort();
    const callee = withCallee ? runSipp({ scenario: 'uas-basic.xml', localPort: calleePort, calls: CALLS }) : undefined;
    if (callee) await waitForUdpBound(calleePort);
    app(t.srf, `sip:callee@127.0.0.1:${calleePort}`);
    const caller = await runSipp({
      scenario: 'uac-basic.xml',
      remote: `127.0.0.1:${t.server.sipPort}`,
      localPort: await freePort(),
      calls: CALLS,
      rate: CALLS,
    });
    expect({ code: caller.code, ok: caller.successful }).toEqual({ code: 0, ok: CALLS });
    if (callee) expect((await callee).successful).toBe(CALLS);
  }

  async function expectHeldThenGone(): Promise<void> {
    // the calls' INVITE transactions are still within their 64*T1 (else this would prove nothing)
    expect(t.server.core.stats().serverTxns).toBeGreaterThanOrEqual(CALLS);
    expect(await stillHeld(watched)).toBe(0);
    await waitFor(
      () => {
        const s = t.server.core.stats();
        return s.serverTxns + s.clientTxns + s.dialogs + s.proxiedCallsAwaitingBye === 0;
      },
      { timeoutMs: 64 * T1 + 10_000, intervalMs: 200, what: 'every table empty once the timers ran' },
    );
  }

  it('keeps no message of a finished UAS call while its transactions linger, and nothing after', async () => {
    await placeCalls(uasApp, false);
    await expectHeldThenGone();
  });

  it('keeps no message of a finished proxied call while its transactions linger, and nothing after', async () => {
    await placeCalls(proxyApp, true);
    await expectHeldThenGone();
  });

  it('keeps no transaction of a finished proxied call\'s answered branch, only where its further 2xx go', async () => {
    await placeCalls(proxyApp, true);
    // the caller's INVITE transactions are within their 64*T1, and so are the branches' Timer M
    expect(t.server.core.stats().serverTxns).toBeGreaterThanOrEqual(CALLS);
    expect(invitesSent).toHaveLength(CALLS);
    expect(await stillHeld(invitesSent)).toBe(0);
    expect(t.server.core.stats().clientTxns).toBeGreaterThanOrEqual(CALLS);
  });

  it('keeps no message of a finished B2BUA call while its transactions linger, and nothing after', async () => {
    await placeCalls(b2buaApp, true);
    await expectHeldThenGone();
  });

  it('still passes an answered proxied call\'s further 2xx to the caller once only those are left to do', async () => {
    const caller = new RawSipClient();
    const callee = new RawSipClient();
    const callerPort = await caller.open();
    const calleePort = await callee.open();
    try {
      proxyApp(t.srf, `sip:callee@127.0.0.1:${calleePort}`);
      caller.send(
        [
          `INVITE sip:callee@127.0.0.1:${t.server.sipPort} SIP/2.0`,
          `Via: SIP/2.0/UDP 127.0.0.1:${callerPort};branch=z9hG4bK-fwd-1;rport`,
          'From: <sip:caller@127.0.0.1>;tag=c1',
          `To: <sip:callee@127.0.0.1:${t.server.sipPort}>`,
          'Call-ID: forwarded-2xx@test',
          'CSeq: 1 INVITE',
          `Contact: <sip:caller@127.0.0.1:${callerPort}>`,
          'Max-Forwards: 70',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
        t.server.sipPort,
      );
      const invite = SipMessage.parse(await callee.waitFor((m) => m.startsWith('INVITE ')));
      const ok = (toTag: string) =>
        [
          'SIP/2.0 200 OK',
          ...invite.getAll('via').map((v) => `Via: ${v}`),
          `From: ${invite.get('from')}`,
          `To: ${invite.get('to')};tag=${toTag}`,
          `Call-ID: ${invite.callId}`,
          `CSeq: ${invite.get('cseq')}`,
          `Record-Route: ${invite.get('record-route')}`,
          `Contact: <sip:callee@127.0.0.1:${calleePort}>`,
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n');
      const okCount = (tag: string) => caller.received.filter((m) => m.startsWith('SIP/2.0 200') && m.includes(`tag=${tag}`)).length;
      callee.send(ok('e1'), t.server.sipPort);
      await waitFor(() => okCount('e1') === 1, { what: 'the 200' });
      // the callee did not see the ACK yet and sends its 200 again; a fork behind it answers too
      callee.send(ok('e1'), t.server.sipPort);
      callee.send(ok('e2'), t.server.sipPort);
      await waitFor(() => okCount('e1') === 2 && okCount('e2') === 1, { what: 'the retransmitted 200 and the second fork\'s' });
      // each went upstream without the server's own Via
      const vias = caller.received.filter((m) => m.startsWith('SIP/2.0 200')).map((m) => SipMessage.parse(m).getAll('via'));
      expect(vias.map((v) => v.length === 1 && v[0].includes('branch=z9hG4bK-fwd-1'))).toEqual([true, true, true]);
    } finally {
      caller.close();
      callee.close();
    }
  });
});
