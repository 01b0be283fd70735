import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Srf = require('drachtio-srf');
import { freePort, runSipp, waitFor, waitForUdpBound } from '@branchline/testing';
import { SipMessage } from './sip/sip-message';
import { startSipServer, type RunningSipServer } from './start-sip-server';
import { connectSrf, disconnectSrf, SDP } from './testing/srf-harness';

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
const originalParse = SipMessage.parse.bind(SipMessage);
const originalClone = SipMessage.prototype.clone;

beforeAll(() => {
  SipMessage.parse = (raw: string) => watch(originalParse(raw));
  SipMessage.prototype.clone = function (this: SipMessage) {
    return watch(originalClone.call(this));
  };
});

afterAll(() => {
  SipMessage.parse = originalParse;
  SipMessage.prototype.clone = originalClone;
});

function watch(m: SipMessage): SipMessage {
  watched.push(new WeakRef(m));
  return m;
}

/** Parsed or copied messages something still refers to, after a full GC (in a later turn: WeakRefs hold until then). */
async function messagesHeld(): Promise<number> {
  await new Promise((r) => setImmediate(r));
  gc();
  await new Promise((r) => setImmediate(r));
  return watched.filter((w) => w.deref() !== undefined).length;
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
  let server: RunningSipServer;
  let srf: Srf;

  beforeEach(async () => {
    server = await startSipServer({ timers: { t1: T1, t2: 8 * T1, t4: 500 } });
    srf = await connectSrf(server.drachtioPort);
  });

  afterEach(async () => {
    disconnectSrf(srf);
    await server.close();
  });

  async function placeCalls(app: App, withCallee: boolean): Promise<void> {
    watched.length = 0;
    const calleePort = await freePort();
    const callee = withCallee ? runSipp({ scenario: 'uas-basic.xml', localPort: calleePort, calls: CALLS }) : undefined;
    if (callee) await waitForUdpBound(calleePort);
    app(srf, `sip:callee@127.0.0.1:${calleePort}`);
    const caller = await runSipp({
      scenario: 'uac-basic.xml',
      remote: `127.0.0.1:${server.sipPort}`,
      localPort: await freePort(),
      calls: CALLS,
      rate: CALLS,
    });
    expect({ code: caller.code, ok: caller.successful }).toEqual({ code: 0, ok: CALLS });
    if (callee) expect((await callee).successful).toBe(CALLS);
  }

  async function expectHeldThenGone(): Promise<void> {
    // the calls' INVITE transactions are still within their 64*T1 (else this would prove nothing)
    expect(server.core.stats().serverTxns).toBeGreaterThanOrEqual(CALLS);
    expect(await messagesHeld()).toBe(0);
    await waitFor(
      () => {
        const s = server.core.stats();
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

  it('keeps no message of a finished B2BUA call while its transactions linger, and nothing after', async () => {
    await placeCalls(b2buaApp, true);
    await expectHeldThenGone();
  });
});
