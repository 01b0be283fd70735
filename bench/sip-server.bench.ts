/**
 * sip-server benchmark: the highest call rate each drachtio-srf app (UAS, record-routing
 * proxy, B2BUA) SUSTAINS for BENCH_SUSTAIN_SECONDS with < 0.1% failed calls; INVITE->200
 * latency at 500 calls/s; RSS after 100,000 calls at the sustained UAS rate (which is also
 * the longer run that confirms that rate).
 *
 *   node -r @swc-node/register bench/sip-server.bench.ts     (or: npm run bench -- sip-server)
 *
 * How a rate is found, per app: 6-second steps (x1.5, then bisect) give an upper bound
 * quickly, but a short step never meets what a longer run does (a neighbour's burst of CPU
 * use, the 64*T1 of transaction state building up); once the server falls more than T1
 * behind, every request is retransmitted and the run collapses. So the bound is then held
 * for BENCH_SUSTAIN_SECONDS on a fresh server and app, stepping down 15% until a run
 * passes, and refined once between the passing and the last failing rate.
 *
 * Memory per mode: for each app, a fresh production build of sip-server in its own process
 * (dist/apps/sip-server, as deployed) takes BENCH_MODE_RSS_CALLS calls at BENCH_MODE_RSS_CPS;
 * its RSS is read when the app has attached, after the last call, at its high-water mark, and
 * once the RFC 3261 timers have run (64*T1 + 5 s later). A finished proxied or B2BUA call
 * should cost about what a UAS call does (issue 15: proxy 57 -> 300 MB, B2BUA 58 -> 556 MB
 * after 10,000 calls at 500/s, where drachtio-server stayed at 21 MB for the proxy).
 *
 * Env: BENCH_STEP_SECONDS (6), BENCH_SUSTAIN_SECONDS (30), BENCH_RSS_CALLS (100000),
 *      BENCH_MAX_CPS (6000), BENCH_SCENARIOS (uas,proxy,b2bua),
 *      BENCH_SIPP_BUFFER (4194304: sipp's socket buffers; its 64 KiB default overflows
 *      whenever sipp is descheduled for ~30 ms, which then looks like the server losing calls),
 *      BENCH_MODE_RSS_CALLS (10000), BENCH_MODE_RSS_CPS (500), BENCH_MODE_RSS_MODES (uas,proxy,b2bua),
 *      BENCH_SIP_SERVER_MAIN (another build's main.js for the memory part, to compare before/after),
 *      BENCH_ONLY=rss (only the memory part, ~1 minute per mode; the other figures in the JSON
 *      are kept from the last full run).
 * Writes bench/results/sip-server.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { probeInviteLatency } from './lib/latency-probe';
import { machineBusy, processCpuSeconds } from './lib/load-diagnostics';
import { measureModeRss, type ModeRss } from './lib/mode-rss';
import { startCallee, startRig, stopChild, stopRig, type Mode, type Rig } from './lib/sip-rig';
import { failureRate, runSippLoad, type SippLoadResult } from './lib/sipp-load';
import { searchRate } from './lib/rate-search';

const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 6);
const SUSTAIN_SECONDS = Number(process.env.BENCH_SUSTAIN_SECONDS ?? 30);
const RSS_CALLS = Number(process.env.BENCH_RSS_CALLS ?? 100_000);
const MAX_CPS = Number(process.env.BENCH_MAX_CPS ?? 6000);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'uas,proxy,b2bua').split(',') as Mode[];
const SIPP_BUFFER = Number(process.env.BENCH_SIPP_BUFFER ?? 4 * 1024 * 1024);
const MODE_RSS_CALLS = Number(process.env.BENCH_MODE_RSS_CALLS ?? 10_000);
const MODE_RSS_CPS = Number(process.env.BENCH_MODE_RSS_CPS ?? 500);
const MODE_RSS_MODES = (process.env.BENCH_MODE_RSS_MODES ?? 'uas,proxy,b2bua').split(',') as Mode[];
const ONLY = process.env.BENCH_ONLY ?? '';
const RESULTS = resolve(__dirname, 'results/sip-server.json');
/** the default RFC 3261 timers: what a finished call may keep lingers 64*T1 = 32 s */
const TIMERS_WAIT_MS = 64 * 500 + 5000;
const MAX_FAILURE_RATE = 0.001;
const LATENCY_CPS = 500;
const log = pino({ name: 'sip-server-bench' });

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Attempt {
  rate: number;
  seconds: number;
  calls: number;
  ok: number;
  failureRate: number;
  /** sipp kept the offered rate (finished within 10% + 3 s of the planned duration) */
  heldRate: boolean;
  pass: boolean;
  failures: SippLoadResult['failures'];
  retransmissions: number;
  /** whole machine busy, and the part of it that was neither server, app nor sipp (two cores = 200%) */
  machineBusyPct: number;
  othersCpuPct: number;
}

/** Places calls at `rate` for `seconds` on the rig and judges the run. */
async function attempt(rig: Rig, rate: number, seconds: number): Promise<Attempt> {
  const calls = Math.round(rate * seconds);
  const callee = rig.calleePort ? await startCallee(rig.calleePort, SIPP_BUFFER) : undefined;
  const pids = [rig.app.pid ?? 0, callee?.pid ?? 0].filter((p) => p);
  const cpu0 = pids.map(processCpuSeconds);
  const self0 = process.cpuUsage();
  const busy = machineBusy();
  const r = await runSippLoad({ serverPort: rig.server.sipPort, rate, calls, bufferBytes: SIPP_BUFFER });
  const wall = r.elapsedSeconds;
  const childCpu = pids.map(processCpuSeconds).reduce((a, c, i) => a + (Number.isFinite(c) ? c - cpu0[i] : 0), 0);
  const selfCpu = process.cpuUsage(self0);
  // cores' worth of CPU used by the server (this process), the app, the callee and sipp
  const ours = ((selfCpu.user + selfCpu.system) / 1e6 + childCpu + r.cpuSeconds) / Math.max(1, wall);
  const machineBusyPct = busy();
  if (callee) await stopChild(callee);
  const fr = failureRate(r, calls);
  const heldRate = wall <= seconds * 1.1 + 3;
  const a: Attempt = {
    rate,
    seconds,
    calls,
    ok: r.ok,
    failureRate: round(fr, 5),
    heldRate,
    pass: fr < MAX_FAILURE_RATE && heldRate,
    failures: r.failures,
    retransmissions: r.retransmissions,
    machineBusyPct,
    othersCpuPct: Math.max(0, Math.round(machineBusyPct * cpus().length - ours * 100)),
  };
  log.info({ mode: rig.mode, ...a }, seconds > STEP_SECONDS ? 'sustain' : 'step');
  return a;
}

/** One attempt on a fresh server and app, so state left by an earlier (failed) run cannot skew it. */
async function freshAttempt(mode: Mode, rate: number, seconds: number): Promise<Attempt> {
  const rig = await startRig(mode);
  try {
    return await attempt(rig, rate, seconds);
  } finally {
    await stopRig(rig);
  }
}

/** Upper bound from short steps: x1.5 until a step fails, then bisect twice. */
function shortStepBound(mode: Mode): Promise<number> {
  return searchRate({
    start: 400,
    step: (rate) => Math.round(rate * 1.5),
    max: MAX_CPS,
    attempt: async (rate) => (await freshAttempt(mode, rate, STEP_SECONDS)).pass,
  });
}

interface Sustained {
  cps: number;
  shortStepCps: number;
  failureRate: number;
  attempts: Attempt[];
}

/** Highest rate, at or below the short-step bound, that holds SUSTAIN_SECONDS with < 0.1% failures. */
async function sustainedCps(mode: Mode): Promise<Sustained> {
  const bound = await shortStepBound(mode);
  const attempts: Attempt[] = [];
  let passed: Attempt | undefined;
  let failedAt = 0;
  for (let rate = bound; rate >= 100 && attempts.length < 6; rate = Math.round(rate * 0.85)) {
    const a = await freshAttempt(mode, rate, SUSTAIN_SECONDS);
    attempts.push(a);
    if (a.pass) {
      passed = a;
      break;
    }
    failedAt = rate;
  }
  if (passed && failedAt) {
    const mid = Math.round((passed.rate + failedAt) / 2);
    const a = await freshAttempt(mode, mid, SUSTAIN_SECONDS);
    attempts.push(a);
    if (a.pass) passed = a;
  }
  return { cps: passed?.rate ?? 0, shortStepCps: bound, failureRate: passed?.failureRate ?? 1, attempts };
}

/** A real GC hook even when node was started without --expose-gc. */
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

/** Waits (bounded) until the server holds no transactions or dialogs. */
async function drain(rig: Rig, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  for (;;) {
    const s = rig.server.core.stats();
    if ((s.serverTxns === 0 && s.clientTxns === 0 && s.dialogs === 0) || Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What the machine was doing before we started (others share these cores). */
async function machineBefore(): Promise<{ machineBusyBeforePct: number; loadAvgBefore: number }> {
  const idleCheck = machineBusy();
  await new Promise((r) => setTimeout(r, 3000));
  return { machineBusyBeforePct: idleCheck(), loadAvgBefore: round(loadavg()[0], 2) };
}

/** The server's RSS after the same fixed number of calls through each app. */
async function rssByMode(): Promise<{ byMode: Partial<Record<Mode, ModeRss>>; run: Record<string, unknown> }> {
  const started = Date.now();
  const before = await machineBefore();
  const byMode: Partial<Record<Mode, ModeRss>> = {};
  for (const mode of MODE_RSS_MODES) {
    const r = await measureModeRss(mode, {
      calls: MODE_RSS_CALLS,
      rate: MODE_RSS_CPS,
      lingerMs: TIMERS_WAIT_MS,
      sippBufferBytes: SIPP_BUFFER,
      main: process.env.BENCH_SIP_SERVER_MAIN || undefined,
    });
    log.info(r, 'rss by mode');
    byMode[mode] = r;
  }
  const run = {
    at: new Date().toISOString(),
    server: process.env.BENCH_SIP_SERVER_MAIN || 'dist/apps/sip-server/main.js',
    cores: cpus().length,
    ...before,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  return { byMode, run };
}

function printRssByMode(byMode: Partial<Record<Mode, ModeRss>>): [string, string][] {
  return Object.values(byMode).map((r) => [
    `${r.mode} RSS MB: start / after ${r.calls} calls @${r.rateCps} / peak / after timers`,
    `${r.rssMbStart} / ${r.rssMbAfterCalls} / ${r.rssMbPeak} / ${r.rssMbAfterTimers}  (${r.ok} ok, ${round(r.failureRate * 100, 3)}% failed; others used ${r.othersCpuPct}% CPU)`,
  ]);
}

function printRows(rows: [string, string | number][]): void {
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
}

async function main(): Promise<void> {
  if (ONLY === 'rss') {
    // only the memory part: the other figures stay those of the last full run
    const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
    const { byMode, run } = await rssByMode();
    mkdirSync(resolve(__dirname, 'results'), { recursive: true });
    writeFileSync(RESULTS, JSON.stringify({ ...previous, rssByMode: byMode, rssByModeRun: run }, null, 2) + '\n');
    printRows(printRssByMode(byMode));
    return;
  }
  const started = Date.now();
  const { machineBusyBeforePct, loadAvgBefore } = await machineBefore();

  const sustained: Partial<Record<Mode, Sustained>> = {};
  for (const mode of SCENARIOS) sustained[mode] = await sustainedCps(mode);
  const uasCps = sustained.uas?.cps ?? 0;

  // latency and memory through the UAS app, in one server process
  const rig = await startRig('uas');
  const sorted = (await probeInviteLatency(rig.server.sipPort, LATENCY_CPS, LATENCY_CPS * STEP_SECONDS)).sort((a, b) => a - b);
  const p50InviteMs = round(percentile(sorted, 50));
  const p99InviteMs = round(percentile(sorted, 99));
  // the longer run at the sustained UAS rate: confirms it, and shows the memory it costs
  const rssRate = Number(process.env.BENCH_RSS_RATE ?? Math.max(100, uasCps));
  const busy = machineBusy();
  const big = await runSippLoad({ serverPort: rig.server.sipPort, rate: rssRate, calls: RSS_CALLS, bufferBytes: SIPP_BUFFER });
  const bigBusyPct = busy();
  const rssMbAfter100k = mb(process.memoryUsage().rss);
  gc();
  const heapMbAfterRun = mb(process.memoryUsage().heapUsed);
  const stateAfterRun = rig.server.core.stats();
  // transactions linger 64*T1 by design (RFC 3261 timers J/L/D); measure again once they are gone
  await drain(rig, 40_000);
  gc();
  const rssMbAfterDrain = mb(process.memoryUsage().rss);
  const heapMbAfterDrain = mb(process.memoryUsage().heapUsed);
  await stopRig(rig);
  const confirmFailureRate = round(failureRate(big, RSS_CALLS), 5);
  const modeRss = await rssByMode();

  const perMode = (m: Mode) => {
    const s = sustained[m];
    return s
      ? { cps: s.cps, shortStepCps: s.shortStepCps, failureRate: s.failureRate, attempts: s.attempts }
      : undefined;
  };
  const results = {
    uasCps,
    /** the 100,000-call run at uasCps also stayed under 0.1% failed calls */
    uasConfirmed: confirmFailureRate < MAX_FAILURE_RATE,
    proxyCps: sustained.proxy?.cps ?? 0,
    b2buaCps: sustained.b2bua?.cps ?? 0,
    p50InviteMs,
    p99InviteMs,
    rssMbAfter100k,
    cores: cpus().length,
    sustainSeconds: SUSTAIN_SECONDS,
    maxFailureRate: MAX_FAILURE_RATE,
    uas: perMode('uas'),
    proxy: perMode('proxy'),
    b2bua: perMode('b2bua'),
    confirmRun: {
      rateCps: rssRate,
      calls: RSS_CALLS,
      ok: big.ok,
      failureRate: confirmFailureRate,
      seconds: big.elapsedSeconds,
      failures: big.failures,
      retransmissions: big.retransmissions,
      machineBusyPct: bigBusyPct,
    },
    rssMbAfterDrain,
    rssByMode: modeRss.byMode,
    rssByModeRun: modeRss.run,
    heapMbAfterRun,
    heapMbAfterDrain,
    stateAfterRun,
    latencySamples: sorted.length,
    latencyProbeRateCps: LATENCY_CPS,
    stepSeconds: STEP_SECONDS,
    sippBufferBytes: SIPP_BUFFER,
    machineBusyBeforePct,
    loadAvgBefore,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(resolve(__dirname, 'results'), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');

  const pct = (f: number) => `${round(f * 100, 3)}%`;
  const modeRow = (m: Mode, label: string): [string, string | number] => {
    const s = sustained[m];
    return [`${label} calls/s held ${SUSTAIN_SECONDS} s (<0.1% failed)`, s ? `${s.cps}  (${pct(s.failureRate)} failed; 6 s steps reached ${s.shortStepCps})` : 'not run'];
  };
  const rows: [string, string | number][] = [
    modeRow('uas', 'UAS'),
    modeRow('proxy', 'proxy'),
    modeRow('b2bua', 'B2BUA'),
    [
      `confirm: ${RSS_CALLS} UAS calls @${rssRate} cps`,
      `${big.ok} ok, ${pct(confirmFailureRate)} failed, ${big.elapsedSeconds} s (${confirmFailureRate < MAX_FAILURE_RATE ? 'confirmed' : 'NOT confirmed'})`,
    ],
    [`INVITE->200 p50 / p99 ms (@${LATENCY_CPS} cps)`, `${p50InviteMs} / ${p99InviteMs}`],
    [`RSS MB after ${RSS_CALLS} calls`, rssMbAfter100k],
    ['RSS MB once timers drained (after gc)', rssMbAfterDrain],
    ['heap MB after run / after drain', `${heapMbAfterRun} / ${heapMbAfterDrain}`],
    ...printRssByMode(modeRss.byMode),
    ['cores; machine busy before start; load avg', `${cpus().length}; ${machineBusyBeforePct}%; ${loadAvgBefore}`],
  ];
  printRows(rows);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.error({ err }, 'benchmark failed');
    process.exit(1);
  },
);
