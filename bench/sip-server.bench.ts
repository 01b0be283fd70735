/**
 * sip-server benchmark: highest sustained call rate with < 0.1% failed calls through a
 * drachtio-srf UAS, proxy and B2BUA; INVITE->200 latency percentiles; RSS after 100k calls.
 *
 *   node -r @swc-node/register bench/sip-server.bench.ts
 *
 * Env: BENCH_STEP_SECONDS (default 6), BENCH_RSS_CALLS (default 100000),
 *      BENCH_MAX_CPS (default 6000), BENCH_SCENARIOS (default uas,proxy,b2bua),
 *      BENCH_RSS_RATE (default half the UAS rate, at most 1500). Writes bench/results/sip-server.json.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { startSipServer, type RunningSipServer } from '../apps/sip-server/src/start-sip-server';
import { freePort, waitForUdpBound } from '../libs/testing/src';
import { probeInviteLatency } from './lib/latency-probe';

const SIPP_DIR = resolve(__dirname, '../test/sipp');
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 6);
const RSS_CALLS = Number(process.env.BENCH_RSS_CALLS ?? 100_000);
const MAX_CPS = Number(process.env.BENCH_MAX_CPS ?? 6000);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'uas,proxy,b2bua').split(',');
const log = pino({ name: 'sip-server-bench' });

interface Run {
  ok: number;
  failed: number;
  code: number | null;
  rtts: number[];
}

function sippUac(serverPort: number, rate: number, calls: number, rtt: boolean): Promise<Run> {
  return new Promise((resolveRun) => {
    void freePort().then((lp) => {
      const dir = mkdtempSync(join(tmpdir(), 'bench-sipp-'));
      const args = [
        '-sf', join(SIPP_DIR, 'uac-basic.xml'), `127.0.0.1:${serverPort}`,
        '-i', '127.0.0.1', '-p', String(lp), '-m', String(calls), '-r', String(rate), '-l', String(Math.max(1000, rate * 10)),
        '-timeout', `${Math.ceil(calls / rate) + 30}s`, '-recv_timeout', '5000', '-nostdin', '-d', '0',
        '-trace_stat', '-stf', join(dir, 'stat.csv'), '-fd', '1',
        ...(rtt ? ['-trace_rtt', '-rtt_freq', '1'] : []),
      ];
      const child = spawn('sipp', args, { cwd: dir, stdio: 'ignore' });
      const killer = setTimeout(() => child.kill('SIGKILL'), (Math.ceil(calls / rate) + 60) * 1000);
      child.on('close', (code) => {
        clearTimeout(killer);
        const stat = readFileSync(join(dir, 'stat.csv'), 'utf8').trim().split('\n');
        const head = stat[0].split(';');
        const last = stat[stat.length - 1].split(';');
        const get = (k: string) => Number(last[head.indexOf(k)] ?? 0);
        const rtts: number[] = [];
        for (const f of readdirSync(dir).filter((x) => x.endsWith('_rtt.csv'))) {
          for (const line of readFileSync(join(dir, f), 'utf8').split('\n').slice(1)) {
            const v = Number(line.split(';')[1]);
            if (Number.isFinite(v) && line.trim()) rtts.push(v);
          }
        }
        rmSync(dir, { recursive: true, force: true });
        resolveRun({ ok: get('SuccessfulCall(C)'), failed: get('FailedCall(C)'), code, rtts });
      });
    });
  });
}

async function startCallee(fixedPort?: number): Promise<{ port: number; child: ChildProcess }> {
  const port = fixedPort ?? (await freePort());
  const child = spawn(
    'sipp',
    ['-sf', join(SIPP_DIR, 'uas-basic.xml'), '-i', '127.0.0.1', '-p', String(port), '-nostdin', '-timeout', '900s'],
    { stdio: 'ignore', cwd: tmpdir() },
  );
  await waitForUdpBound(port);
  return { port, child };
}

async function startApp(mode: string, drachtioPort: number, target: string): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'lib/bench-app.ts'), [mode], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, DRACHTIO_PORT: String(drachtioPort), TARGET: target },
  });
  await new Promise<void>((r) => child.once('message', () => r()));
  return child;
}

function passes(r: Run, calls: number): boolean {
  return r.code === 0 || (r.ok + r.failed >= calls && r.failed / Math.max(1, r.ok + r.failed) < 0.001);
}

/**
 * Steps the rate up (x1.5) until a step fails, then bisects twice between the last clean
 * and the first failing rate; returns the highest clean rate. Every step after a failure
 * runs against a fresh server and app, so the backlog of an overloaded step (2xx and
 * INVITE retransmissions lingering for 64*T1) cannot fail the next one.
 */
async function findMaxCps(mode: Mode): Promise<number> {
  let rig = await startRig(mode);
  const attempt = async (rate: number): Promise<boolean> => {
    const calls = rate * STEP_SECONDS;
    // a fresh callee per step, so calls left over from an overloaded step cannot skew the next
    const callee = rig.calleePort ? await startCallee(rig.calleePort) : undefined;
    const r = await sippUac(rig.server.sipPort, rate, calls, false);
    if (callee) await stopChild(callee.child);
    const ok = passes(r, calls);
    log.info({ label: mode, rate, ok: r.ok, failed: r.failed, code: r.code, pass: ok }, 'step');
    if (!ok) {
      await stopRig(rig);
      rig = await startRig(mode);
    }
    return ok;
  };
  try {
    let rate = 400;
    let best = 0;
    let failedAt = 0;
    while (rate <= MAX_CPS) {
      if (!(await attempt(rate))) {
        failedAt = rate;
        break;
      }
      best = rate;
      rate = Math.round(rate * 1.5);
    }
    for (let i = 0; i < 2 && failedAt && best; i++) {
      const mid = Math.round((best + failedAt) / 2);
      if (await attempt(mid)) best = mid;
      else failedAt = mid;
    }
    return best;
  } finally {
    await stopRig(rig);
  }
}

type Mode = 'uas' | 'proxy' | 'b2bua';

interface Rig {
  server: RunningSipServer;
  app: ChildProcess;
  calleePort?: number;
}

async function startRig(mode: Mode): Promise<Rig> {
  const server = await startSipServer({ rateLimitPerSource: 0 });
  const calleePort = mode === 'uas' ? undefined : await freePort();
  const app = await startApp(mode, server.drachtioPort, calleePort ? `sip:127.0.0.1:${calleePort}` : '');
  return { server, app, calleePort };
}

async function stopRig(rig: Rig): Promise<void> {
  rig.app.send('stop');
  await stopChild(rig.app);
  await rig.server.close();
}

/** Waits (bounded) until the server holds no transactions or dialogs. */
async function drain(server: RunningSipServer, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  for (;;) {
    const s = server.core.stats();
    if ((s.serverTxns === 0 && s.clientTxns === 0 && s.dialogs === 0) || Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A real GC hook even when node was started without --expose-gc (bench/run.ts does that). */
function getGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const gc = getGc();

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const uasCps = SCENARIOS.includes('uas') ? await findMaxCps('uas') : 0;
  const proxyCps = SCENARIOS.includes('proxy') ? await findMaxCps('proxy') : 0;
  const b2buaCps = SCENARIOS.includes('b2bua') ? await findMaxCps('b2bua') : 0;

  // latency and memory through the UAS app, in the same server process
  const server = await startSipServer({ rateLimitPerSource: 0 });
  const app = await startApp('uas', server.drachtioPort, '');
  const baseline = Math.max(uasCps, 200);
  const latRate = Math.max(50, Math.round(baseline / 2));
  // the probe shares this process with the server, so keep its rate moderate
  const probeRate = Math.min(latRate, 500);
  const sorted = (await probeInviteLatency(server.sipPort, probeRate, probeRate * STEP_SECONDS)).sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const p50InviteMs = round(percentile(sorted, 50));
  const p99InviteMs = round(percentile(sorted, 99));
  // sipp's own view (whole milliseconds) at the higher rate, for comparison
  const lat = await sippUac(server.sipPort, latRate, latRate * STEP_SECONDS, true);
  const sippSorted = lat.rtts.sort((a, b) => a - b);
  // comfortably below the measured maximum: this run is about memory, not throughput
  const rssRate = Number(process.env.BENCH_RSS_RATE ?? Math.min(1500, Math.max(100, Math.round(baseline * 0.5))));
  const big = await sippUac(server.sipPort, rssRate, RSS_CALLS, false);
  const rssMbAfter100k = mb(process.memoryUsage().rss);
  gc();
  const heapMbAfterRun = mb(process.memoryUsage().heapUsed);
  const stateAfterRun = server.core.stats();
  // transactions linger 64*T1 by design (RFC 3261 timers J/L/D); measure again once they are gone
  await drain(server, 40_000);
  gc();
  const rssMbAfterDrain = mb(process.memoryUsage().rss);
  const heapMbAfterDrain = mb(process.memoryUsage().heapUsed);
  app.send('stop');
  await server.close();

  const results = {
    uasCps,
    proxyCps,
    b2buaCps,
    p50InviteMs,
    p99InviteMs,
    rssMbAfter100k,
    cores: cpus().length,
    rssMbAfterDrain,
    heapMbAfterRun,
    heapMbAfterDrain,
    stateAfterRun,
    rssRunRateCps: rssRate,
    rssRunCalls: RSS_CALLS,
    rssRunOk: big.ok,
    rssRunFailed: big.failed,
    latencySamples: sorted.length,
    latencyProbeRateCps: probeRate,
    sippRtdP50Ms: percentile(sippSorted, 50),
    sippRtdP99Ms: percentile(sippSorted, 99),
    sippRtdRateCps: latRate,
    stepSeconds: STEP_SECONDS,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(resolve(__dirname, 'results'), { recursive: true });
  writeFileSync(resolve(__dirname, 'results/sip-server.json'), JSON.stringify(results, null, 2) + '\n');
  const rows: [string, string | number][] = [
    ['UAS calls/s (<0.1% failed)', uasCps],
    ['proxy calls/s (<0.1% failed)', proxyCps],
    ['B2BUA calls/s (<0.1% failed)', b2buaCps],
    [`INVITE->200 p50 ms (@${probeRate} cps, hrtime probe)`, p50InviteMs],
    [`INVITE->200 p99 ms (@${probeRate} cps, hrtime probe)`, p99InviteMs],
    [`INVITE->200 p50/p99 ms per sipp (@${latRate} cps, 1 ms resolution)`, `${percentile(sippSorted, 50)} / ${percentile(sippSorted, 99)}`],
    [`RSS MB after ${RSS_CALLS} calls @${rssRate} cps (${big.ok} ok, ${big.failed} failed)`, rssMbAfter100k],
    ['RSS MB once timers drained (after gc)', rssMbAfterDrain],
    ['heap MB after run / after drain', `${heapMbAfterRun} / ${heapMbAfterDrain}`],
    ['cores', cpus().length],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.error({ err }, 'benchmark failed');
    process.exit(1);
  },
);
