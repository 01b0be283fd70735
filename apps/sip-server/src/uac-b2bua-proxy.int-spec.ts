import type Srf from 'drachtio-srf';
import { freePort, runSipp, waitForUdpBound, waitFor } from '@branchline/testing';
import { SDP } from './testing/srf-harness';
import { useSipServerWithApp } from './testing/sip-server-fixture';

describe('drachtio-srf UAC, B2BUA and proxy apps behind sip-server', () => {
  const t = useSipServerWithApp();
  const cdrs: string[] = [];

  beforeEach(() => {
    cdrs.length = 0;
  });

  it('places a call with createUAC and hangs it up with dialog.destroy()', async () => {
    const uasPort = await freePort();
    const uas = runSipp({ scenario: 'uas-basic.xml', localPort: uasPort, calls: 1 });
    await waitForUdpBound(uasPort);
    const dialog = await t.srf.createUAC(`sip:callee@127.0.0.1:${uasPort}`, { localSdp: SDP, headers: { From: '<sip:2000@localhost>' } });
    expect(dialog.remote.sdp).toContain('m=audio');
    await dialog.destroy();
    const r = await uas;
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 1 });
    await waitFor(() => t.server.core.stats().dialogs === 0, { timeoutMs: 5000, what: 'dialogs released' });
  });

  it('cancels a ringing createUAC call with req.cancel()', async () => {
    const port = await freePort();
    const ringer = runSipp({ scenario: 'uas-ring-cancel.xml', localPort: port, calls: 1 });
    await waitForUdpBound(port);
    let inviteReq: Srf.SrfRequest | undefined;
    const call = t.srf.createUAC(
      `sip:callee@127.0.0.1:${port}`,
      { localSdp: SDP },
      {
        // drachtio-srf calls cbRequest(err, req) although its typings declare (req)
        cbRequest: ((_err: unknown, req: Srf.SrfRequest) => (inviteReq = req)) as unknown as (req: Srf.SrfRequest) => void,
        cbProvisional: (res) => {
          if (res.status === 180) inviteReq?.cancel(() => undefined);
        },
      },
    );
    await expect(call).rejects.toMatchObject({ status: 487 });
    const r = await ringer;
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 1 });
  });

  it('bridges a sipp caller to a sipp callee with createB2BUA', async () => {
    const uasPort = await freePort();
    const uas = runSipp({ scenario: 'uas-basic.xml', localPort: uasPort, calls: 3 });
    await waitForUdpBound(uasPort);
    t.srf.invite((req, res) => {
      t.srf.createB2BUA(req, res, `sip:callee@127.0.0.1:${uasPort}`, { localSdpB: req.body }).then(
        ({ uas: a, uac: b }) => {
          a.on('destroy', () => void b.destroy());
          b.on('destroy', () => void a.destroy());
        },
        () => undefined,
      );
    });
    const uac = await runSipp({
      scenario: 'uac-basic.xml',
      remote: `127.0.0.1:${t.server.sipPort}`,
      localPort: await freePort(),
      calls: 3,
      rate: 3,
    });
    const callee = await uas;
    expect({ caller: uac.code, callerOk: uac.successful, callee: callee.code, calleeOk: callee.successful }).toEqual({
      caller: 0,
      callerOk: 3,
      callee: 0,
      calleeOk: 3,
    });
    await waitFor(() => t.server.core.stats().dialogs === 0, { timeoutMs: 5000, what: 'dialogs released' });
  });

  it('passes a callee busy back to the caller through createB2BUA', async () => {
    const port = await freePort();
    const busy = runSipp({ scenario: 'uas-reject-486.xml', localPort: port, calls: 1 });
    await waitForUdpBound(port);
    const failures: number[] = [];
    t.srf.invite((req, res) => {
      t.srf.createB2BUA(req, res, `sip:callee@127.0.0.1:${port}`, { localSdpB: req.body }).catch((err: { status: number }) =>
        failures.push(err.status),
      );
    });
    const uac = await runSipp({ scenario: 'uac-busy.xml', remote: `127.0.0.1:${t.server.sipPort}`, localPort: await freePort(), calls: 1 });
    const callee = await busy;
    expect({ caller: uac.code, callee: callee.code }).toEqual({ caller: 0, callee: 0 });
    expect(failures).toEqual([486]);
  });

  it('proxies with record-route so ACK and BYE traverse the server, and reports cdr events', async () => {
    t.srf.on('cdr:attempt', () => cdrs.push('attempt'));
    t.srf.on('cdr:start', () => cdrs.push('start'));
    t.srf.on('cdr:stop', () => cdrs.push('stop'));
    const uasPort = await freePort();
    const uas = runSipp({ scenario: 'uas-basic.xml', localPort: uasPort, calls: 2 });
    await waitForUdpBound(uasPort);
    const results: boolean[] = [];
    t.srf.invite((req) => {
      t.srf.proxyRequest(req, [`sip:127.0.0.1:${uasPort}`], { recordRoute: true }, (err: unknown, r: unknown) => {
        results.push(!err && (r as { connected: boolean }).connected);
      });
    });
    const uac = await runSipp({
      scenario: 'uac-basic.xml',
      remote: `127.0.0.1:${t.server.sipPort}`,
      localPort: await freePort(),
      calls: 2,
      rate: 2,
    });
    const callee = await uas;
    expect({ caller: uac.code, callee: callee.code, callerOk: uac.successful }).toEqual({ caller: 0, callee: 0, callerOk: 2 });
    expect(results).toEqual([true, true]);
    await waitFor(() => cdrs.filter((c) => c === 'start').length === 2, { timeoutMs: 3000, what: 'cdr:start' });
    expect(cdrs.filter((c) => c === 'attempt')).toHaveLength(2);
  });
});
