import type Srf from 'drachtio-srf';
import { startSipServer, type RunningSipServer } from './start-sip-server';
import { freePort, runSipp, waitFor } from '@branchline/testing';
import { connectSrf, disconnectSrf, SDP } from './testing/srf-harness';

describe('drachtio-srf UAS app behind sip-server', () => {
  let server: RunningSipServer;
  let srf: Srf;

  beforeEach(async () => {
    server = await startSipServer({ timers: { t1: 100, t2: 400, t4: 500 } });
    srf = await connectSrf(server.drachtioPort);
  });

  afterEach(async () => {
    disconnectSrf(srf);
    await server.close();
  });

  it('completes INVITE/180/200/ACK/BYE calls answered with createUAS', async () => {
    let destroyed = 0;
    srf.invite((req, res) => {
      res.send(180);
      srf.createUAS(req, res, { localSdp: SDP }).then(
        (dlg) => dlg.on('destroy', () => destroyed++),
        () => undefined,
      );
    });
    const r = await runSipp({
      scenario: 'uac-basic.xml',
      remote: `127.0.0.1:${server.sipPort}`,
      localPort: await freePort(),
      calls: 5,
      rate: 5,
      service: '1000',
    });
    expect({ code: r.code, ok: r.successful, failed: r.failed }).toEqual({ code: 0, ok: 5, failed: 0 });
    await waitFor(() => destroyed === 5, { timeoutMs: 5000, what: 'dialogs destroyed' });
    await waitFor(() => server.core.stats().dialogs === 0, { timeoutMs: 5000, what: 'server dialogs released' });
  });

  it('delivers a busy answer sent with res.send(486)', async () => {
    srf.invite((_req, res) => res.send(486));
    const r = await runSipp({
      scenario: 'uac-busy.xml',
      remote: `127.0.0.1:${server.sipPort}`,
      localPort: await freePort(),
      calls: 3,
      rate: 10,
    });
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 3 });
  });

  it('rejects an app that presents the wrong secret', async () => {
    await expect(connectSrf(server.drachtioPort, 'wrong-secret')).rejects.toThrow(/authenticate/);
  });
});
