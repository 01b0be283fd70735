import { startSipServer, type RunningSipServer } from './start-sip-server';
import { startOptionsAppProcess, type AppProcess } from './testing/options-app';
import { RawSipClient } from './testing/raw-sip-client';
import { startFloodProcess } from './testing/udp-flood';

const FLOOD_RATE = 10_000;
const FLOOD_SECONDS = 5;
const PROBES = 40;
const PROBE_INTERVAL_MS = 100;

/**
 * One source floods at 10,000 OPTIONS a second; another source sends OPTIONS probes, each
 * once, without retransmission. An app in its own process answers them all, as apps answer
 * REGISTER or INVITE: the costlier path through the server. The flood comes from a process
 * of its own too (at the lowest CPU priority, see startFloodProcess), so neither shares the
 * server's event loop. With the server's default limits every probe must be answered: a
 * probe lost in an overflowing receive queue fails the test. How long the answers took, and
 * the rate the flood really reached, are printed, not judged.
 *
 * Before the per-source limit was set from measurement and inbound messages were served
 * per source (transport/fair-inbound-queue.ts), 8 of 40 probes were answered.
 */
describe('flood fairness with the default per-source limits', () => {
  let server: RunningSipServer;
  let app: AppProcess;
  let probe: RawSipClient;

  beforeAll(async () => {
    server = await startSipServer();
    app = await startOptionsAppProcess(server.drachtioPort);
    probe = new RawSipClient('127.0.0.1', '127.0.0.2');
    await probe.open();
  });

  afterAll(async () => {
    probe.close();
    await app.stop();
    await server.close();
  });

  function probeRequest(id: string): string {
    return (
      `OPTIONS sip:desk@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:${probe.port};branch=z9hG4bK${id}\r\nMax-Forwards: 70\r\n` +
      `From: <sip:probe@127.0.0.2>;tag=${id}\r\nTo: <sip:desk@127.0.0.1>\r\nCall-ID: ${id}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`
    );
  }

  it('answers every probe from another source during a 10,000/s flood from one source', async () => {
    // a server in service has its code paths optimised; the flood meets that server, not one
    // that has just started (a third source, well inside its limit)
    await startFloodProcess({ targetHost: '127.0.0.1', targetPort: server.sipPort, bindAddress: '127.0.0.3', rate: 400, count: 1600, kind: 'options', tag: 'warm' }).done;
    const flood = startFloodProcess({
      targetHost: '127.0.0.1',
      targetPort: server.sipPort,
      bindAddress: '127.0.0.1',
      rate: FLOOD_RATE,
      count: FLOOD_RATE * FLOOD_SECONDS,
      kind: 'options',
      tag: 'flood',
      lowPriority: true,
    });
    await flood.started;
    const latencies: (number | undefined)[] = [];
    const answers: Promise<void>[] = [];
    for (let i = 0; i < PROBES; i++) {
      const id = `probe-${i}-${Date.now()}`;
      const sentAt = Date.now();
      probe.send(probeRequest(id), server.sipPort);
      // a generous deadline: the test is about whether each probe is answered at all
      answers.push(
        probe.waitFor((m) => m.startsWith('SIP/2.0 200 ') && m.includes(`Call-ID: ${id}\r\n`), 30_000).then(
          () => void (latencies[i] = Date.now() - sentAt),
          () => undefined,
        ),
      );
      await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
    }
    const report = await flood.done;
    await Promise.all(answers);
    const answered = latencies.filter((l): l is number => l !== undefined).sort((a, b) => a - b);
    process.stdout.write(
      `flood: ${report.sent} sent at ${report.achievedRate}/s, ${report.answered} answered, ` +
        `${server.transportStats().refusedMessages} refused by the rate limit; probes: ${answered.length}/${PROBES} answered, ` +
        `p50 ${answered[Math.floor(answered.length / 2)]} ms, max ${answered[answered.length - 1]} ms\n`,
    );
    expect(report.sent).toBe(FLOOD_RATE * FLOOD_SECONDS);
    const unanswered = Array.from({ length: PROBES }, (_, i) => i).filter((i) => latencies[i] === undefined);
    expect(unanswered).toEqual([]);
  }, 90_000);
});
