import * as net from 'node:net';
import { freePort, runSipp, startSipServerProcess, waitFor, type SippResult, type SipServerProcess } from '@branchline/testing';
import { RawSipClient } from './testing/raw-sip-client';
import { useSipServerWithApp } from './testing/sip-server-fixture';
import { startOptionsAppProcess, type AppProcess } from './testing/options-app';
import { SDP } from './testing/srf-harness';

/** A call answered by the app that the sipp phone hangs up after `holdMs`. */
async function callHeldFor(sipPort: number, holdMs: number, callsInProgress: () => number): Promise<{ done: Promise<SippResult> }> {
  const done = runSipp({ scenario: 'uac-basic.xml', remote: `127.0.0.1:${sipPort}`, localPort: await freePort(), calls: 1, service: '1000', extraArgs: ['-d', String(holdMs)] });
  await waitFor(() => callsInProgress() === 1, { what: 'the call to be up' });
  return { done };
}

/** A new INVITE from another phone; resolves with the final response it got. */
async function newInvite(sipPort: number): Promise<string> {
  return newRequest(sipPort, 'INVITE');
}

/** The final response to a new request of `method` from a fresh phone. */
async function newRequest(sipPort: number, method: 'INVITE' | 'OPTIONS'): Promise<string> {
  const phone = new RawSipClient();
  const port = await phone.open();
  try {
    phone.send(
      [
        `${method} sip:2000@127.0.0.1:${sipPort} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-drain-${port};rport`,
        'From: <sip:3000@127.0.0.1>;tag=d1',
        `To: <sip:2000@127.0.0.1:${sipPort}>`,
        `Call-ID: drain-${port}@test`,
        `CSeq: 1 ${method}`,
        `Contact: <sip:3000@127.0.0.1:${port}>`,
        'Max-Forwards: 70',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
      sipPort,
    );
    return await phone.waitFor((m) => /^SIP\/2\.0 [2-6]\d\d /.test(m));
  } finally {
    phone.close();
  }
}

/** A rolling restart: the server going away turns new work away but lets the calls on it end. */
describe('a draining sip-server', () => {
  const t = useSipServerWithApp();

  beforeEach(() => {
    t.srf.invite((req, res) => void t.srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined));
  });

  it('answers a new INVITE 503 with Retry-After while the call in progress goes on to its BYE, then is drained', async () => {
    const call = await callHeldFor(t.server.sipPort, 1500, () => t.server.core.callsInProgress);
    const drained = t.server.drain(15_000);
    const answer = await newInvite(t.server.sipPort);
    expect(t.server.core.callsInProgress).toBe(1);
    expect(answer).toMatch(/^SIP\/2\.0 503 /);
    expect(answer).toMatch(/\r\nRetry-After: 5\r\n/i);
    // The phone's BYE went through and was answered: its scenario ends only then.
    expect((await call.done).code).toBe(0);
    await expect(drained).resolves.toBe('drained');
    expect(t.server.core.callsInProgress).toBe(0);
  });

  it('takes no new TCP connection once draining', async () => {
    const before = net.connect(t.server.sipPort, '127.0.0.1');
    await new Promise<void>((ok, fail) => before.once('connect', ok).once('error', fail));
    before.destroy();
    await t.server.drain(0);
    const refused = await new Promise<string>((ok) => {
      const after = net.connect(t.server.sipPort, '127.0.0.1');
      after.once('connect', () => {
        after.destroy();
        ok('connected');
      });
      after.once('error', (e: NodeJS.ErrnoException) => ok(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('stops waiting at the drain timeout when a call is still up', async () => {
    const call = await callHeldFor(t.server.sipPort, 4000, () => t.server.core.callsInProgress);
    await expect(t.server.drain(300)).resolves.toBe('timed-out');
    expect(t.server.core.callsInProgress).toBe(1);
    expect((await call.done).code).toBe(0);
  });
});

/** The process: SIGTERM drains it, and it exits once its last call has ended. */
describe('sip-server on SIGTERM', () => {
  let server: SipServerProcess;
  // in a process of its own: it keeps trying to reconnect once the server has gone
  let app: AppProcess;

  beforeAll(async () => {
    server = await startSipServerProcess({ SIP_DRAIN_TIMEOUT_SECONDS: '600' });
    app = await startOptionsAppProcess(server.drachtioPort, server.secret, ['invite']);
  });
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  it('refuses new calls, lets the call in progress end, then exits 0 without waiting out the drain timeout', async () => {
    const call = await callHeldFor(server.sipPort, 1500, () => app.calls.answered - app.calls.ended);
    server.signal('SIGTERM');
    // The signal reaches the process a moment later; a server up answers OPTIONS 200 itself.
    await waitFor(async () => (/^SIP\/2\.0 503 /.test(await newRequest(server.sipPort, 'OPTIONS')) ? true : undefined), { what: 'the drain to begin' });
    expect(await newInvite(server.sipPort)).toMatch(/^SIP\/2\.0 503 /);
    expect((await call.done).code).toBe(0);
    // Within the test's deadline, far below the 600 s drain timeout: it left once the call ended.
    expect(await server.exited).toBe(0);
  });
});
