import { freePort, runSipp, waitForTcpListening, waitForUdpBound } from '@branchline/testing';
import { SDP } from './testing/srf-harness';
import { TEST_TIMERS, useSipServerWithApp } from './testing/sip-server-fixture';

describe('IPv6 and TCP transports', () => {
  const t = useSipServerWithApp({
    timers: TEST_TIMERS,
    listen: [
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
      { transport: 'udp', host: '::1', port: 0 },
      { transport: 'tcp', host: '::1', port: 0 },
    ],
  });

  const v6Port = () => Number(/udp\/\[::1\]:(\d+)/.exec(t.server.hostports)?.[1]);

  it('advertises IPv4 and IPv6 endpoints', () => {
    expect(t.server.hostports).toMatch(/udp\/\[::1\]:\d+/);
    expect(t.server.hostports).toMatch(/tcp\/\[::1\]:\d+/);
  });

  it('completes a call from an IPv6 caller over UDP', async () => {
    t.srf.invite((req, res) => {
      t.srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined);
    });
    const r = await runSipp({
      scenario: 'uac-basic.xml',
      remote: `[::1]:${v6Port()}`,
      ip: '::1',
      localPort: await freePort('::1'),
      calls: 2,
      rate: 10,
    });
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 2 });
  });

  it('completes a call from an IPv6 caller over TCP', async () => {
    t.srf.invite((req, res) => {
      t.srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined);
    });
    const r = await runSipp({
      scenario: 'uac-basic.xml',
      remote: `[::1]:${v6Port()}`,
      ip: '::1',
      localPort: await freePort('::1'),
      calls: 2,
      rate: 10,
      transport: 't1',
    });
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 2 });
  });

  it('places an app call to a TCP callee when the URI says transport=tcp', async () => {
    const port = await freePort();
    const callee = runSipp({ scenario: 'uas-basic.xml', localPort: port, calls: 1, transport: 't1' });
    await waitForTcpListening(port);
    const dlg = await t.srf.createUAC(`sip:callee@127.0.0.1:${port};transport=tcp`, { localSdp: SDP });
    await dlg.destroy();
    const r = await callee;
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 1 });
  });

  it('places an app call to an IPv6 callee', async () => {
    const port = await freePort('::1');
    const callee = runSipp({ scenario: 'uas-basic.xml', localPort: port, calls: 1, ip: '::1' });
    await waitForUdpBound(port, '::1');
    const dlg = await t.srf.createUAC(`sip:callee@[::1]:${port}`, { localSdp: SDP });
    await dlg.destroy();
    const r = await callee;
    expect({ code: r.code, ok: r.successful }).toEqual({ code: 0, ok: 1 });
  });
});
