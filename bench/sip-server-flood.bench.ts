/**
 * sip-server under a flood from one source: what the server sustains, what dropping a
 * flooding source costs, and whether another source is still served.
 *
 *   node -r @swc-node/register bench/sip-server-flood.bench.ts   (or: npm run bench -- sip-server-flood)
 *
 * 1. Capacity: OPTIONS from one source at rising rates, each rate on a fresh server for
 *    BENCH_FLOOD_STEP_SECONDS, answered either by a drachtio-srf app in its own process
 *    (the path REGISTER and INVITE take) or by the server itself (no app routes OPTIONS).
 *    A rate is sustained when >= 99.9% are answered and the 99th percentile stays under
 *    T1 (500 ms), past which real clients retransmit and the load doubles.
 * 2. Refusal cost: a 10,000/s flood against a per-source limit of 100/s, so nearly every
 *    datagram is dropped on its source address: server CPU per dropped datagram.
 * 3. Fairness: a 10,000/s flood from 127.0.0.1 while 127.0.0.2 sends 20 OPTIONS a second,
 *    each once (no retransmission): how many of those probes are answered and how fast,
 *    with no per-source limit, the old default (20,000/s) and the current default.
 *
 * The server runs in this process, the app, the flood and the probes in processes of their
 * own. No limit applies in 1; the default per-source limit (apps/sip-server/src/config/limits.ts)
 * is set from its result, see the sip-server README.
 * Env: BENCH_FLOOD_STEP_SECONDS (8), BENCH_FLOOD_RATES (1000,2000,3000,4000,5000,6000,8000,10000,12000,15000).
 * Writes bench/results/sip-server-flood.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import pino from 'pino';
import { DEFAULT_LIMITS } from '../apps/sip-server/src/config/limits';
import { startSipServer, type RunningSipServer, type SipServerOptions } from '../apps/sip-server/src/start-sip-server';
import { startOptionsAppProcess, type AppProcess } from '../apps/sip-server/src/testing/options-app';
import { startFloodProcess, type FloodPlan, type FloodReport } from '../apps/sip-server/src/testing/udp-flood';
import { machineBusy, socketDrops } from './lib/load-diagnostics';

const STEP_SECONDS = Number(process.env.BENCH_FLOOD_STEP_SECONDS ?? 8);
const RATES = (process.env.BENCH_FLOOD_RATES ?? '1000,2000,3000,4000,5000,6000,8000,10000,12000,15000').split(',').map(Number);
const FLOOD_RATE = 10_000;
const PROBE_RATE = 20;
const MIN_ANSWERED = 0.999;
const MAX_P99_MS = 500;
const log = pino({ name: 'sip-server-flood-bench' });

type Path = 'app' | 'server';

interface Rig {
  server: RunningSipServer;
  app: AppProcess;
}

async function startRig(path: Path, options: SipServerOptions): Promise<Rig> {
  const server = await startSipServer(options);
  // the server answers OPTIONS itself (200) only while some app is connected: on the server
  // path the app is there but routes another method
  const app = await startOptionsAppProcess(server.drachtioPort, 'cymru', path === 'app' ? ['options'] : ['message']);
  return { server, app };
}

async function stopRig(rig: Rig): Promise<void> {
  await rig.app.stop();
  await rig.server.close();
}

interface Measured {
  report: FloodReport;
  /** cores' worth of CPU the server process used while the load ran */
  serverCores: number;
  /** datagrams the kernel dropped on the server's socket (its receive queue was full) */
  kernelDrops: number;
  machineBusyPct: number;
}

/** Runs `plans` at once against the rig; the server's CPU and kernel drops over the run. */
async function measure(
  rig: Rig,
  plans: Omit<FloodPlan, 'targetHost' | 'targetPort'>[],
): Promise<{ reports: FloodReport[]; serverCpuSeconds: number; serverCores: number; kernelDrops: number; machineBusyPct: number; refused: number }> {
  const drops0 = socketDrops(rig.server.sipPort).drops;
  const refused0 = rig.server.transportStats().refusedMessages;
  const busy = machineBusy();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const floods = plans.map((p) => startFloodProcess({ ...p, targetHost: '127.0.0.1', targetPort: rig.server.sipPort }));
  const reports = await Promise.all(floods.map((f) => f.done));
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  const serverCpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    reports,
    serverCpuSeconds,
    serverCores: Math.round((serverCpuSeconds / wall) * 1000) / 1000,
    kernelDrops: socketDrops(rig.server.sipPort).drops - drops0,
    machineBusyPct: busy(),
    refused: rig.server.transportStats().refusedMessages - refused0,
  };
}

interface Step extends Measured {
  path: Path;
  rate: number;
  answeredShare: number;
  pass: boolean;
}

async function capacityStep(path: Path, rate: number): Promise<Step> {
  const rig = await startRig(path, { rateLimitPerSource: 0 });
  try {
    const m = await measure(rig, [{ bindAddress: '127.0.0.1', rate, count: rate * STEP_SECONDS, kind: 'options', tag: `cap-${rate}` }]);
    const report = m.reports[0];
    const answeredShare = report.answered / report.sent;
    const step: Step = {
      path,
      rate,
      report,
      serverCores: m.serverCores,
      kernelDrops: m.kernelDrops,
      machineBusyPct: m.machineBusyPct,
      answeredShare: Math.round(answeredShare * 100_000) / 100_000,
      // the flood process must also have held the rate, or the step measured the generator
      pass: answeredShare >= MIN_ANSWERED && report.p99Ms <= MAX_P99_MS && report.achievedRate >= rate * 0.95,
    };
    log.info({ path, rate, answered: step.answeredShare, p99Ms: report.p99Ms, serverCores: m.serverCores, kernelDrops: m.kernelDrops, pass: step.pass }, 'capacity step');
    return step;
  } finally {
    await stopRig(rig);
  }
}

/** Highest rate of RATES that passes, stepping up until one fails. */
async function capacity(path: Path): Promise<{ sustained: number; steps: Step[] }> {
  const steps: Step[] = [];
  let sustained = 0;
  for (const rate of RATES) {
    const s = await capacityStep(path, rate);
    steps.push(s);
    if (!s.pass) break;
    sustained = rate;
  }
  return { sustained, steps };
}

async function refusalCost(): Promise<{ floodRate: number; refused: number; serverCores: number; usPerRefused: number; kernelDrops: number; machineBusyPct: number }> {
  const rig = await startRig('app', { rateLimitPerSource: 100, rateLimitBurst: 100 });
  try {
    const m = await measure(rig, [{ bindAddress: '127.0.0.1', rate: FLOOD_RATE, count: FLOOD_RATE * STEP_SECONDS, kind: 'options', tag: 'refuse' }]);
    return {
      floodRate: m.reports[0].achievedRate,
      refused: m.refused,
      serverCores: m.serverCores,
      // all the server did in that time, the 100 answered a second included
      usPerRefused: Math.round((m.serverCpuSeconds / Math.max(1, m.refused)) * 1e6 * 10) / 10,
      kernelDrops: m.kernelDrops,
      machineBusyPct: m.machineBusyPct,
    };
  } finally {
    await stopRig(rig);
  }
}

interface Fairness {
  limit: string;
  ratePerSource: number;
  burst: number;
  flood: FloodReport;
  probes: FloodReport;
  probesLost: number;
  serverCores: number;
  kernelDrops: number;
  refused: number;
  machineBusyPct: number;
}

async function fairness(limit: string, ratePerSource: number, burst: number): Promise<Fairness> {
  const rig = await startRig('app', { rateLimitPerSource: ratePerSource, rateLimitBurst: burst });
  try {
    const m = await measure(rig, [
      { bindAddress: '127.0.0.1', rate: FLOOD_RATE, count: FLOOD_RATE * STEP_SECONDS, kind: 'options', tag: 'flood' },
      { bindAddress: '127.0.0.2', rate: PROBE_RATE, count: PROBE_RATE * STEP_SECONDS, kind: 'options', tag: 'probe' },
    ]);
    const [flood, probes] = m.reports;
    const f: Fairness = {
      limit,
      ratePerSource,
      burst,
      flood,
      probes,
      probesLost: probes.sent - probes.answered,
      serverCores: m.serverCores,
      kernelDrops: m.kernelDrops,
      refused: m.refused,
      machineBusyPct: m.machineBusyPct,
    };
    log.info({ limit, probesAnswered: probes.answered, probesSent: probes.sent, probeP99Ms: probes.p99Ms, kernelDrops: m.kernelDrops }, 'fairness');
    return f;
  } finally {
    await stopRig(rig);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const idle = machineBusy();
  await new Promise((r) => setTimeout(r, 3000));
  const machineBusyBeforePct = idle();
  const loadAvgBefore = Math.round(loadavg()[0] * 100) / 100;

  const app = await capacity('app');
  const server = await capacity('server');
  const refusal = await refusalCost();
  const fair = [
    await fairness('none', 0, 1),
    await fairness('old default', 20_000, 40_000),
    await fairness('default', DEFAULT_LIMITS.ratePerSource, DEFAULT_LIMITS.rateBurst),
  ];

  const results = {
    cores: cpus().length,
    appPathSustainedPerSecond: app.sustained,
    serverPathSustainedPerSecond: server.sustained,
    defaultRatePerSource: DEFAULT_LIMITS.ratePerSource,
    defaultBurst: DEFAULT_LIMITS.rateBurst,
    refusal,
    fairness: fair,
    capacitySteps: [...app.steps, ...server.steps],
    stepSeconds: STEP_SECONDS,
    criteria: { minAnswered: MIN_ANSWERED, maxP99Ms: MAX_P99_MS },
    machineBusyBeforePct,
    loadAvgBefore,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(resolve(__dirname, 'results'), { recursive: true });
  writeFileSync(resolve(__dirname, 'results/sip-server-flood.json'), JSON.stringify(results, null, 2) + '\n');

  const stepNote = (steps: Step[]) => steps.map((s) => `${s.rate}:${s.pass ? 'ok' : `${Math.round(s.answeredShare * 1000) / 10}%/p99 ${Math.round(s.report.p99Ms)}ms`}`).join(' ');
  const rows: [string, string | number][] = [
    ['OPTIONS/s from one source, answered by an app (held)', `${app.sustained}   [${stepNote(app.steps)}]`],
    ['OPTIONS/s from one source, answered by the server (held)', `${server.sustained}   [${stepNote(server.steps)}]`],
    [`dropping a ${FLOOD_RATE}/s flood on its address`, `${refusal.usPerRefused} us per datagram, ${refusal.serverCores} cores, ${refusal.kernelDrops} kernel drops`],
    ...fair.map((f): [string, string] => [
      `probes answered during a ${FLOOD_RATE}/s flood, limit ${f.limit}${f.ratePerSource ? ` (${f.ratePerSource}/s, burst ${f.burst})` : ''}`,
      `${f.probes.answered}/${f.probes.sent}, p50 ${f.probes.p50Ms} ms, p99 ${f.probes.p99Ms} ms; flood ${f.flood.answered}/${f.flood.sent} answered, ${f.kernelDrops} kernel drops`,
    ]),
    ['cores; machine busy before start; load avg', `${cpus().length}; ${machineBusyBeforePct}%; ${loadAvgBefore}`],
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
