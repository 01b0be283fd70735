import { freePort, runSipp, waitFor } from '@branchline/testing';
import { connectSrf, SDP } from './testing/srf-harness';
import { useSipServerWithApp } from './testing/sip-server-fixture';

describe('drachtio-srf UAS app behind sip-server', () => {
  const t = useSipServerWithApp();

  it('completes INVITE/180/200/ACK/BYE calls answered with createUAS', async () => {
    let destroyed = 0;
    t.srf.invite((req, res) => {
      res.send(180);
      t.srf.createUAS(req, res, { localSdp: SDP }).then(
        (dlg) => dlg.on('destroy', () => destroyed++),
        () => undefined,
      );
    });
    const r = await runSipp({
      scenario: 'uac-basic.xml',
      remote: `127.0.0.1:${t.server.sipPort}`,
      localPort: await freePort(),
      calls: 5,
      rate: 5,
      service: '1000',
    });
    expect({ code: r.code, ok: r.successful, failed: r.failed }).toEqual({ code: 0, ok: 5, failed: 0 });
    await waitFor(() => destroyed === 5, { timeoutMs: 5000, what: 'dialogs destroyed' });
    await waitFor(() => t.server.core.stats().dialogs === 0, { timeoutMs: 5000, what: 'server dialogs released' });
  });

  it('delivers a busy answer sent with res.send(486)', async () => {
    t.srf.invite((_req, res) => res.send(486));
    const r = await runSipp({
      scenario: 'uac-busy.xml',
      remote: `127.0.0.1:${t.server.sipPort}`,
      localPort: await freePort(),
      calls: 3,
      rate: 10,
    });
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 3 });
  });

  it('rejects an app that presents the wrong secret', async () => {
    await expect(connectSrf(t.server.drachtioPort, 'wrong-secret')).rejects.toThrow(/authenticate/);
  });
});
