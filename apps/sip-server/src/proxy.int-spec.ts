import { freePort, runSipp, waitForUdpBound, type SippResult, waitFor } from '@branchline/testing';
import { useSipServerWithApp } from './testing/sip-server-fixture';

interface ProxyResult {
  connected: boolean;
  finalStatus: number;
}

describe('stateful proxying with srf.proxyRequest', () => {
  const t = useSipServerWithApp();

  async function callee(scenario: string, extraArgs: string[] = []): Promise<{ port: number; done: Promise<SippResult> }> {
    const port = await freePort();
    const done = runSipp({ scenario, localPort: port, calls: 1, extraArgs });
    await waitForUdpBound(port);
    return { port, done };
  }

  function proxyTo(targets: string[], opts: Record<string, unknown>, results: ProxyResult[]): void {
    t.srf.invite((req) => {
      t.srf.proxyRequest(req, targets, opts, (err: unknown, r: unknown) => {
        if (!err) results.push(r as ProxyResult);
      });
    });
  }

  const caller = async (scenario: string) =>
    runSipp({ scenario, remote: `127.0.0.1:${t.server.sipPort}`, localPort: await freePort(), calls: 1, rate: 1 });

  it('fails over serially from a 503 target to one that answers', async () => {
    const bad = await callee('uas-reject-503.xml');
    const good = await callee('uas-basic.xml');
    const results: ProxyResult[] = [];
    proxyTo([`sip:127.0.0.1:${bad.port}`, `sip:127.0.0.1:${good.port}`], { recordRoute: true }, results);
    const a = await caller('uac-basic.xml');
    const [b1, b2] = await Promise.all([bad.done, good.done]);
    expect([a.code, b1.code, b2.code]).toEqual([0, 0, 0]);
    await waitFor(() => results.length === 1, { timeoutMs: 3000, what: 'proxy result' });
    expect(results[0]).toMatchObject({ connected: true, finalStatus: 200 });
  });

  it('forks in parallel, connects the answering branch and cancels the ringing one', async () => {
    const ringer = await callee('uas-ring-cancel.xml');
    const answerer = await callee('uas-basic.xml');
    const results: ProxyResult[] = [];
    proxyTo([`sip:127.0.0.1:${ringer.port}`, `sip:127.0.0.1:${answerer.port}`], { forking: 'simultaneous', recordRoute: true }, results);
    const a = await caller('uac-basic.xml');
    const [r1, r2] = await Promise.all([ringer.done, answerer.done]);
    expect({ caller: a.code, ringer: r1.code, answerer: r2.code }).toEqual({ caller: 0, ringer: 0, answerer: 0 });
    await waitFor(() => results.length === 1, { timeoutMs: 3000, what: 'proxy result' });
    expect(results[0]).toMatchObject({ connected: true, finalStatus: 200 });
  });

  it('returns the best final response when every parallel branch fails', async () => {
    const b1 = await callee('uas-reject-503.xml');
    const b2 = await callee('uas-reject-486.xml');
    const results: ProxyResult[] = [];
    proxyTo([`sip:127.0.0.1:${b1.port}`, `sip:127.0.0.1:${b2.port}`], { forking: 'simultaneous' }, results);
    const a = await caller('uac-busy.xml');
    const [r1, r2] = await Promise.all([b1.done, b2.done]);
    expect({ caller: a.code, b1: r1.code, b2: r2.code }).toEqual({ caller: 0, b1: 0, b2: 0 });
    await waitFor(() => results.length === 1, { timeoutMs: 3000, what: 'proxy result' });
    expect(results[0]).toMatchObject({ connected: false, finalStatus: 486 });
  });

  it('propagates the caller CANCEL to the ringing target', async () => {
    const ringer = await callee('uas-ring-cancel.xml');
    const results: ProxyResult[] = [];
    proxyTo([`sip:127.0.0.1:${ringer.port}`], {}, results);
    const a = await caller('uac-cancel.xml');
    const r = await ringer.done;
    expect({ caller: a.code, callee: r.code }).toEqual({ caller: 0, callee: 0 });
    await waitFor(() => results.length === 1, { timeoutMs: 3000, what: 'proxy result' });
    expect(results[0].finalStatus).toBe(487);
  });

  it('moves on to the next target when the first sends no provisional within provisionalTimeout', async () => {
    const silent = await freePort(); // nothing listens here
    const good = await callee('uas-basic.xml');
    const results: ProxyResult[] = [];
    proxyTo([`sip:127.0.0.1:${silent}`, `sip:127.0.0.1:${good.port}`], { recordRoute: true, provisionalTimeout: '500ms' }, results);
    const a = await caller('uac-basic.xml');
    const b = await good.done;
    expect({ caller: a.code, callee: b.code }).toEqual({ caller: 0, callee: 0 });
    await waitFor(() => results.length === 1, { timeoutMs: 3000, what: 'proxy result' });
    expect(results[0]).toMatchObject({ connected: true, finalStatus: 200 });
  });

  it('follows a 302 to the Contact it names when followRedirects is set', async () => {
    const good = await callee('uas-basic.xml');
    const redirector = await callee('uas-redirect-302.xml', ['-key', 'target', String(good.port)]);
    const results: ProxyResult[] = [];
    proxyTo([`sip:127.0.0.1:${redirector.port}`], { recordRoute: true, followRedirects: true }, results);
    const a = await caller('uac-basic.xml');
    const [r1, r2] = await Promise.all([redirector.done, good.done]);
    expect({ caller: a.code, redirector: r1.code, callee: r2.code }).toEqual({ caller: 0, redirector: 0, callee: 0 });
  });
});
