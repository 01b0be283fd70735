import { startSipServer } from './start-sip-server';
import { freePort, runSipp, startSippUas, waitFor, waitForUdpBound } from '@branchline/testing';
import { connectSrf, disconnectSrf, SDP } from './testing/srf-harness';
import { useSipServerWithApp } from './testing/sip-server-fixture';

describe('timers, bounded state and CDRs', () => {
  // short timers so 64*T1 based timeouts fire within a test
  const t = useSipServerWithApp({ timers: { t1: 50, t2: 200, t4: 250 } });

  it('reports cdr:attempt, cdr:start and cdr:stop for an answered call in order', async () => {
    const events: string[] = [];
    t.srf.on('cdr:attempt', (source: string) => events.push(`attempt:${source}`));
    t.srf.on('cdr:start', (source: string, _t: string, role: string) => events.push(`start:${source}:${role}`));
    t.srf.on('cdr:stop', (source: string, _t: string, reason: string) => events.push(`stop:${source}:${reason}`));
    t.srf.invite((req, res) => {
      t.srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined);
    });
    await waitFor(() => t.server.core.o.registry.routedCount('cdr:stop') === 1, { timeoutMs: 3000, what: 'cdr routes' });
    const r = await runSipp({ scenario: 'uac-basic.xml', remote: `127.0.0.1:${t.server.sipPort}`, localPort: await freePort(), calls: 1 });
    expect(r.code).toBe(0);
    await waitFor(() => events.length === 3, { timeoutMs: 3000, what: 'three cdr events' });
    expect(events).toEqual(['attempt:network', 'start:network:uas', 'stop:network:normal-release']);
  });

  it('ends the CDR of a record-routed proxied call when its BYE passes through, as drachtio-server does', async () => {
    const events: string[] = [];
    t.srf.on('cdr:attempt', (source: string) => events.push(`attempt:${source}`));
    t.srf.on('cdr:start', (source: string, _t: string, role: string) => events.push(`start:${source}:${role}`));
    // drachtio-srf passes the BYE (or final response) that ended the call; its typings only declare three args.
    (t.srf as unknown as NodeJS.EventEmitter).on('cdr:stop', (source: string, _t: string, reason: string, msg: { method?: string }) =>
      events.push(`stop:${source}:${reason}:${msg.method ?? 'response'}`),
    );
    const uasPort = await freePort();
    const uas = startSippUas({ scenario: 'uas-basic.xml', localPort: uasPort, calls: 1, timeoutSeconds: 20 });
    await waitForUdpBound(uasPort);
    t.srf.invite((req) => void t.srf.proxyRequest(req, [`sip:service@127.0.0.1:${uasPort}`], { recordRoute: true }));
    await waitFor(() => t.server.core.o.registry.routedCount('cdr:stop') === 1, { timeoutMs: 3000, what: 'cdr routes' });
    const r = await runSipp({ scenario: 'uac-basic.xml', remote: `127.0.0.1:${t.server.sipPort}`, localPort: await freePort(), calls: 1 });
    expect(r.code).toBe(0);
    expect((await uas.done).code).toBe(0);
    await waitFor(() => events.length === 3, { timeoutMs: 3000, what: 'three cdr events' });
    expect(events).toEqual(['attempt:network', 'start:network:uas-proxy', 'stop:network:normal-release:BYE']);
  });

  it('tears the call down with BYE and tells the app when the caller never ACKs the 200', async () => {
    let destroyed = 0;
    t.srf.invite((req, res) => {
      t.srf.createUAS(req, res, { localSdp: SDP }).then(
        (dlg) => dlg.on('destroy', () => destroyed++),
        () => undefined,
      );
    });
    const r = await runSipp({ scenario: 'uac-no-ack.xml', remote: `127.0.0.1:${t.server.sipPort}`, localPort: await freePort(), calls: 1 });
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 1 });
    await waitFor(() => destroyed === 1, { timeoutMs: 3000, what: 'dialog destroy event' });
    expect(t.server.core.stats().dialogs).toBe(0);
  });

  it('answers an app request with 408 when the destination never responds', async () => {
    const silent = await freePort();
    await expect(t.srf.createUAC(`sip:nobody@127.0.0.1:${silent}`, { localSdp: SDP })).rejects.toMatchObject({ status: 408 });
  });

  it('releases every transaction once its timers have run', async () => {
    t.srf.invite((req, res) => {
      t.srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined);
    });
    const r = await runSipp({ scenario: 'uac-basic.xml', remote: `127.0.0.1:${t.server.sipPort}`, localPort: await freePort(), calls: 5, rate: 20 });
    expect(r.code).toBe(0);
    await waitFor(() => {
      const s = t.server.core.stats();
      return s.serverTxns === 0 && s.clientTxns === 0 && s.dialogs === 0;
    }, { timeoutMs: 10_000, what: 'all state released' });
  });

  it('ends a dialog that outlives the configured maximum lifetime', async () => {
    const shortLived = await startSipServer({ timers: { t1: 50, t2: 200, t4: 250 }, dialogMaxLifetimeMs: 500 });
    const app = await connectSrf(shortLived.drachtioPort);
    const reasons: string[] = [];
    app.invite((req, res) => {
      app.createUAS(req, res, { localSdp: SDP }).then(
        // drachtio-srf passes (msg, reason) to 'destroy'; its typings only declare msg
        (dlg) => (dlg as unknown as NodeJS.EventEmitter).on('destroy', (_msg: unknown, reason: string) => reasons.push(reason)),
        () => undefined,
      );
    });
    try {
      const r = await runSipp({ scenario: 'uac-expect-bye.xml', remote: `127.0.0.1:${shortLived.sipPort}`, localPort: await freePort(), calls: 1 });
      expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 1 });
      await waitFor(() => reasons.length === 1, { timeoutMs: 3000, what: 'destroy event' });
      expect(reasons).toEqual(['session-expired']);
      expect(shortLived.core.stats().dialogs).toBe(0);
    } finally {
      disconnectSrf(app);
      await shortLived.close();
    }
  });
});
