/**
 * Open-loop UDP load from one source socket: `count` datagrams at `rate` per second,
 * OPTIONS requests (each with its own Call-ID and branch, so none is a retransmission)
 * or garbage. Counts the answers and how long each took. Used by the flood-fairness test
 * and the sip-server flood benchmark, always in a process of its own
 * (`startFloodProcess`): sending 10,000 datagrams a second from the process that runs the
 * server would slow the server down and the flood with it.
 */
import { fork } from 'node:child_process';
import * as dgram from 'node:dgram';
import { setPriority } from 'node:os';

export interface FloodPlan {
  targetHost: string;
  targetPort: number;
  /** source address of the socket (any 127.0.0.0/8 address works on Linux loopback) */
  bindAddress: string;
  rate: number;
  count: number;
  kind: 'options' | 'garbage';
  /** Call-ID prefix, so answers to this flood are recognised */
  tag: string;
  /**
   * Run the generator at the lowest CPU priority. A flood from the network costs the server
   * nothing to produce; on a busy machine a generator at normal priority takes CPU from the
   * server it floods, so a test of the server's defences lets it lose the CPU instead (and
   * send slower, as its report then shows). A benchmark measuring capacity must not.
   */
  lowPriority?: boolean;
}

export interface FloodReport {
  sent: number;
  /** seconds from the first datagram to the last */
  sendSeconds: number;
  /** datagrams per second actually achieved */
  achievedRate: number;
  /** final responses received (OPTIONS only), within the wait after the last send */
  answered: number;
  /** answer latency over the answered requests, ms */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  sendErrors: number;
}

/**
 * Sends in slices every TICK_MS, catching up on a late tick, but by at most MAX_CATCH_UP_MS
 * worth: a generator descheduled for half a second must not then put 5,000 datagrams on
 * loopback at once, which no network delivers and which only measures the kernel's buffer.
 */
const TICK_MS = 5;
const MAX_CATCH_UP_MS = 20;
/** how long to keep listening for answers once the last datagram has gone */
const ANSWER_WAIT_MS = 3000;

function options(plan: FloodPlan, port: number, n: number): Buffer {
  const id = `${plan.tag}-${n}`;
  return Buffer.from(
    `OPTIONS sip:flood@${plan.targetHost}:${plan.targetPort} SIP/2.0\r\n` +
      `Via: SIP/2.0/UDP ${plan.bindAddress}:${port};branch=z9hG4bK${id}\r\nMax-Forwards: 70\r\n` +
      `From: <sip:flood@${plan.bindAddress}>;tag=${id}\r\nTo: <sip:flood@${plan.targetHost}>\r\n` +
      `Call-ID: ${id}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`,
  );
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100;
}

export async function runFlood(plan: FloodPlan, onStart?: () => void): Promise<FloodReport> {
  const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 * 1024 * 1024, sendBufferSize: 8 * 1024 * 1024 });
  await new Promise<void>((r) => socket.bind(0, plan.bindAddress, () => r()));
  const port = socket.address().port;
  const sentAt = new Float64Array(plan.count);
  const latency = new Float64Array(plan.count);
  let answered = 0;
  let sendErrors = 0;
  const callIdPrefix = `\r\nCall-ID: ${plan.tag}-`;
  socket.on('message', (m) => {
    const s = m.toString('latin1');
    if (!/^SIP\/2\.0 [2-6]/.test(s)) return;
    const at = s.indexOf(callIdPrefix);
    if (at < 0) return;
    const n = parseInt(s.slice(at + callIdPrefix.length, s.indexOf('\r\n', at + 2)), 10);
    if (!(n >= 0 && n < plan.count) || latency[n] > 0) return;
    latency[n] = Math.max(0.001, performance.now() - sentAt[n]);
    answered++;
  });
  const garbage = Buffer.from('\x16\x03\x01 not sip at all \xff\xfe\r\n\r\n', 'latin1');
  // built before the clock starts, so sending costs the generator as little CPU as it can
  const datagrams = plan.kind === 'options' ? Array.from({ length: plan.count }, (_, n) => options(plan, port, n)) : [];
  socket.on('error', () => sendErrors++);
  const start = performance.now();
  let sent = 0;
  onStart?.();
  await new Promise<void>((done) => {
    let owed = 1;
    let last = start;
    const tick = () => {
      const now = performance.now();
      owed = Math.min(owed + ((now - last) / 1000) * plan.rate, (MAX_CATCH_UP_MS / 1000) * plan.rate + 1);
      last = now;
      const due = Math.min(plan.count, sent + Math.floor(owed));
      owed -= due - sent;
      for (; sent < due; sent++) {
        sentAt[sent] = performance.now();
        socket.send(plan.kind === 'options' ? datagrams[sent] : garbage, plan.targetPort, plan.targetHost);
      }
      if (sent >= plan.count) done();
      else setTimeout(tick, TICK_MS);
    };
    tick();
  });
  const sendSeconds = (performance.now() - start) / 1000;
  if (plan.kind === 'options') {
    const end = Date.now() + ANSWER_WAIT_MS;
    while (answered < sent && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  }
  socket.close();
  const answeredLatency = latency.filter((l) => l > 0).sort();
  return {
    sent,
    sendSeconds: Math.round(sendSeconds * 1000) / 1000,
    achievedRate: Math.round(sent / Math.max(sendSeconds, 0.001)),
    answered,
    p50Ms: percentile(answeredLatency, 50),
    p99Ms: percentile(answeredLatency, 99),
    maxMs: percentile(answeredLatency, 100),
    sendErrors,
  };
}

export interface FloodProcess {
  /** resolves once the first datagram is on its way */
  started: Promise<void>;
  /** resolves with the report once the flood has ended and its answers are counted */
  done: Promise<FloodReport>;
}

/** Runs the flood in a child process of its own. */
export function startFloodProcess(plan: FloodPlan): FloodProcess {
  const child = fork(__filename, [JSON.stringify(plan)], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  if (plan.lowPriority && child.pid) {
    try {
      setPriority(child.pid, 19);
    } catch {
      // not permitted here: it runs at normal priority
    }
  }
  const exited = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`flood process exited with ${code} before reporting`)));
  });
  exited.catch(() => undefined);
  const message = (pred: (m: unknown) => boolean) =>
    Promise.race([
      new Promise<unknown>((resolve) => {
        const on = (m: unknown) => {
          if (!pred(m)) return;
          child.off('message', on);
          resolve(m);
        };
        child.on('message', on);
      }),
      exited,
    ]);
  return {
    started: message((m) => m === 'started').then(() => undefined),
    done: message((m) => typeof m === 'object' && m !== null && 'sent' in m) as Promise<FloodReport>,
  };
}

if (require.main === module) {
  // a parent that dies (a test run killed) must not leave a flood running
  process.on('disconnect', () => process.exit(0));
  runFlood(JSON.parse(process.argv[2]) as FloodPlan, () => process.send?.('started')).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
