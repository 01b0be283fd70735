/**
 * Registrar benchmark: authenticated registrations per second (REGISTER -> 401 -> REGISTER -> 200,
 * RFC 7616 digest answered by sipp) over 10,000 distinct extensions, through the production builds of
 * apps/sip-server and apps/registrar, each in its own process, on a Postgres schema and a Redis key
 * prefix of their own. Steps the rate up until a step of BENCH_STEP_SECONDS loses 0.1% or more of its
 * registrations (or sipp cannot hold the rate, or the p99 exchange reaches BENCH_HELD_P99_MS, 1000: the
 * queue grows), bisects, and reports the highest clean rate with the
 * response times sipp measured at it: first with the credentials in the registrar's Redis cache, then
 * with a 1 s cache, so that nearly every REGISTER reads Postgres as it does in production. The issue's
 * target (2,000/s with p99 < 20 ms) is judged on every step at 2,000/s: BENCH_TARGET_REPEATS longer
 * ones right after the warm-up pass, and the search's own.
 *
 *   npm run bench -- registrar                         (builds every app first)
 *   node -r @swc-node/register bench/registrar.bench.ts (dist/ already built)
 *
 * Env: BENCH_STEP_SECONDS (default 25), BENCH_START_RATE (500), BENCH_RATE_STEP (250),
 *      BENCH_TARGET_REPEATS (3), BENCH_TARGET_STEP_SECONDS (60), BENCH_MAX_RATE (8000), BENCH_FAST_RATE_STEP (500, the step above the target rate), BENCH_RATES (fixed list such as 1500,2000: no search),
 *      BENCH_CPU_PROF=<dir> (run BENCH_RATES, default 1500, with both processes under
 *      `node --cpu-prof`, print where their time goes, leave results/registrar.json alone),
 *      BENCH_REGISTRAR_MAIN / BENCH_SIP_SERVER_MAIN (another build's main.js, to compare before/after),
 *      BENCH_CREDENTIAL_CACHE_SECONDS (registrar's CREDENTIAL_CACHE_SECONDS in the cached phase, 3600),
 *      BENCH_COLD=0 (skip the uncached phase: CREDENTIAL_CACHE_SECONDS=1, every REGISTER reads Postgres),
 *      BENCH_NODE_ARGS (Node/V8 options for both apps, e.g. "--max-semi-space-size=8"),
 *      BENCH_LOG_DIR=<dir> (what the apps print, into <dir>/<app>.log), BENCH_KEEP_RTT=<dir> (sipp's per-exchange timings),
 *      BENCH_WIRE=1 (also time every exchange on the wire: dumpcap on lo, bench/lib/wire-capture.ts),
 *      BENCH_STUB_REGISTRAR=1 (bench/lib/register-stub-app.ts instead of the registrar: what
 *      sip-server, drachtio-srf and sipp cost without any registrar work; writes no results).
 * Writes bench/results/registrar.json.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import pino from 'pino';
import { createPrismaClient, type PrismaClient } from '../libs/db/src';
import { computeHa1 } from '../libs/digest/src';
import { SecretBox } from '../libs/secrets/src';
import { createTestDatabase, freePort, testRedisUrl } from '../libs/testing/src';
import { printCpuProfiles } from './lib/cpu-profile';
import { measureCpu, processCpuSeconds, type CpuWindow } from './lib/cpu-usage';
import { startDistApp, type DistProcess } from './lib/dist-process';
import { searchRate } from './lib/rate-search';
import { dropKeys } from './lib/redis-cleanup';
import { percentile, readSippRtts, readSippStats, sippFailures } from './lib/sipp-files';
import { dumpcapAvailable, startWireCapture, type WireCapture, type WireLatency } from './lib/wire-capture';

const SCENARIO = resolve(__dirname, '../test/sipp/registrar/bench-register.xml');
const EXTENSIONS = 10_000;
const FIRST_NUMBER = 100_000;
const DOMAIN = 'bench-registrar.example';
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 25);
const START_RATE = Number(process.env.BENCH_START_RATE ?? 500);
const RATE_STEP = Number(process.env.BENCH_RATE_STEP ?? 250);
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 8000);
/** Above the target rate the search takes bigger steps: the tail there is not what the target asks about. */
const FAST_RATE_STEP = Number(process.env.BENCH_FAST_RATE_STEP ?? 500);
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const STUB = process.env.BENCH_STUB_REGISTRAR === '1';
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const WIRE = process.env.BENCH_WIRE === '1';
/**
 * The registrar's credential cache TTL in the cached phase: longer than the bench, so that the 10,000
 * entries the first pass fills do not all expire at once in the middle of a step. The uncached
 * phase runs with 1 s (BENCH_COLD=0 skips it; BENCH_COLD_START_RATE, BENCH_COLD_RATE_STEP).
 */
const HOT_CACHE_SECONDS = Number(process.env.BENCH_CREDENTIAL_CACHE_SECONDS ?? 3600);
const COLD = process.env.BENCH_COLD !== '0';
const COLD_START_RATE = Number(process.env.BENCH_COLD_START_RATE ?? 300);
const COLD_RATE_STEP = Number(process.env.BENCH_COLD_RATE_STEP ?? 100);
const FIXED_RATES = (process.env.BENCH_RATES ?? (PROFILE_DIR ? '1500' : '')).split(',').filter(Boolean).map(Number);
/** Every registration comes from sipp's one address, so the per-source defences must not count it. */
const UNLIMITED = '1000000';
const WARMUP_RATE = 500;
const TARGET = { registerPerSec: 2000, p99Ms: 20 };
/**
 * Before the search the target rate runs BENCH_TARGET_REPEATS times (3) for BENCH_TARGET_STEP_SECONDS
 * each (60): the verdict rests on every step at that rate, not on one step that may have been lucky.
 */
const TARGET_REPEATS = Number(process.env.BENCH_TARGET_REPEATS ?? 3);
const TARGET_STEP_SECONDS = Number(process.env.BENCH_TARGET_STEP_SECONDS ?? 60);
/** A rate counts as held only while the p99 exchange stays under this: past it the queue grows through the step. */
const HELD_P99_MS = Number(process.env.BENCH_HELD_P99_MS ?? 1000);
const SECRET = 'bench-drachtio-secret';
const SIPP_BUFFER = String(4 * 1024 * 1024);
const log = pino({ name: 'registrar-bench' });

interface Step {
  rate: number;
  calls: number;
  ok: number;
  failed: number;
  /** Registrations completed per second of the run, as sipp paced them. */
  achievedPerSec: number;
  retransmissions: number;
  /** sipp's failure counters that were not zero (FailedUnexpectedMessage, FailedMaxUDPRetrans, ...). */
  failures: Record<string, number>;
  /** Whole exchange: first REGISTER sent -> 200 received. */
  fullP50Ms: number;
  fullP99Ms: number;
  /** Second transaction only: authenticated REGISTER sent -> 200 received. */
  authP50Ms: number;
  authP99Ms: number;
  cpu: CpuWindow;
  /** CPU time per completed registration, per process (microseconds); a busy machine skews it. */
  cpuUsPerRegistration: Record<string, number>;
  /** Write system calls per completed registration, per process (socket writes: a count, so not skewed). */
  writesPerRegistration: Record<string, number>;
  /** Commands Redis processed per completed registration (machine-wide counter: others' tests add a little). */
  redisCommandsPerRegistration: number;
  /** BENCH_WIRE=1: the same exchanges timed on the loopback interface. */
  wire?: WireLatency;
  pass: boolean;
}

interface Rig {
  sip: DistProcess;
  registrar: DistProcess;
  sipPort: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;


/** One tenant with 10,000 extensions, inserted in bulk (the accounts API would take minutes). */
async function seed(prisma: PrismaClient): Promise<{ ms: number; csvFile: string; csvDir: string }> {
  const t0 = performance.now();
  const box = new SecretBox('bench-secrets-key-0123456789abcdef-0123456789');
  const tenant = await prisma.tenant.create({ data: { name: 'Registrar bench', slug: 'registrar-bench', sipDomain: DOMAIN, countryCode: 'DE' } });
  const site = await prisma.site.create({
    data: {
      tenantId: tenant.id, name: 'Bench', code: 'BEN', extensionRangeStart: FIRST_NUMBER, extensionRangeEnd: FIRST_NUMBER + EXTENSIONS - 1,
      countryCode: 'DE', countryCallingCode: '49', areaCode: '30',
    },
  });
  const phones = Array.from({ length: EXTENSIONS }, (_, i) => ({ number: String(FIRST_NUMBER + i), password: `Bench-${randomBytes(6).toString('hex')}` }));
  for (let i = 0; i < phones.length; i += 2500) {
    await prisma.extension.createMany({
      data: phones.slice(i, i + 2500).map(({ number, password }) => ({
        tenantId: tenant.id,
        siteId: site.id,
        number,
        displayName: `Bench ${number}`,
        sipUsername: number,
        ha1Md5: computeHa1('MD5', number, DOMAIN, password),
        ha1Sha256: computeHa1('SHA-256', number, DOMAIN, password),
        sipPasswordEnc: box.encrypt(password),
      })),
    });
  }
  const csvDir = mkdtempSync(join(tmpdir(), 'bench-registrar-'));
  const csvFile = join(csvDir, 'phones.csv');
  writeFileSync(csvFile, ['SEQUENTIAL', ...phones.map((p) => `${p.number};${DOMAIN};[authentication username=${p.number} password=${p.password}];3600`)].join('\n') + '\n');
  return { ms: Math.round(performance.now() - t0), csvFile, csvDir };
}

interface RigEnv {
  dbUrl: string;
  prefix: string;
  cacheSeconds: number;
  cpuProfDir?: string;
}

async function startRig({ dbUrl, prefix, cacheSeconds, cpuProfDir }: RigEnv): Promise<Rig> {
  const sipPort = await freePort();
  const drachtioPort = await freePort();
  const sip = await startDistApp('sip-server', {
    env: {
      NODE_ENV: 'production',
      SIP_LISTEN: `udp:127.0.0.1:${sipPort}`,
      DRACHTIO_PORT: String(drachtioPort),
      DRACHTIO_SECRET: SECRET,
      SIP_RATE_LIMIT_PER_SOURCE: '0',
      LOG_LEVEL: 'info',
    },
    readyText: 'sip-server listening',
    cpuProfDir,
    execArgv: NODE_ARGS,
    main: process.env.BENCH_SIP_SERVER_MAIN,
  });
  const registrar = await startDistApp('registrar', {
    ...(STUB ? { main: resolve(__dirname, 'lib/register-stub-app.ts'), execArgv: [...NODE_ARGS, '-r', '@swc-node/register'] } : { main: process.env.BENCH_REGISTRAR_MAIN, execArgv: NODE_ARGS }),
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      DRACHTIO_SERVERS: `127.0.0.1:${drachtioPort}`,
      DRACHTIO_SECRET: SECRET,
      NONCE_SECRET: 'bench-nonce-secret-0123456789abcdef-0123',
      DIGEST_ALGORITHM: 'MD5',
      LOCKOUT_THRESHOLD: UNLIMITED,
      RATE_LIMIT_PER_SOURCE: UNLIMITED,
      REGISTRAR_ID: 'registrar-bench',
      CREDENTIAL_CACHE_SECONDS: String(cacheSeconds),
      LOG_LEVEL: 'info',
    },
    readyText: 'attached to drachtio server',
    cpuProfDir,
  });
  const rig = { sip, registrar, sipPort };
  // attached is not quite routed: wait until one registration goes through
  const deadline = Date.now() + 15_000;
  while ((await runSipp(rig, 1, 1)).ok !== 1) {
    if (Date.now() > deadline) throw new Error(`registrar does not answer:\n${registrar.output()}`);
  }
  return rig;
}

async function stopRig(rig: Rig): Promise<void> {
  await rig.registrar.stop();
  await rig.sip.stop();
}

/** Runs `calls` registrations at `rate` per second with sipp and measures what every process used meanwhile. */
async function runSipp(rig: Rig, rate: number, calls: number, redis?: RedisProbe): Promise<Step> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-registrar-sipp-'));
  // One sipp port for the whole run: its Contact stays the same, so each step refreshes the phones'
  // bindings as re-registering phones do. (A new port per step added a binding per step, and the
  // later steps did the work of AORs with up to MAX_CONTACTS bindings.)
  sippPort ??= await freePort();
  const localPort = sippPort;
  const seconds = calls / rate;
  const args = [
    '-sf', SCENARIO, `127.0.0.1:${rig.sipPort}`,
    '-i', '127.0.0.1', '-p', String(localPort), '-t', 'u1',
    '-inf', csvFile,
    '-m', String(calls), '-r', String(rate), '-rp', '1000', '-l', String(Math.max(10, rate * 3)),
    '-timeout', `${Math.ceil(seconds) + 60}s`, '-recv_timeout', '5000',
    '-nostdin', '-trace_stat', '-stf', join(dir, 'stat.csv'), '-fd', '1',
    '-trace_rtt', '-rtt_freq', '1000',
    // sipp's own 64 KiB socket buffer overflowed at 2,000/s: the responses it dropped came back as
    // retransmissions 500 ms later and were most of the p99 (the sip-server's is 4 MiB)
    '-buff_size', SIPP_BUFFER,
  ];
  const pids: Record<string, number> = { 'sip-server': rig.sip.pid, registrar: rig.registrar.pid, ...(redis ? { redis: redis.pid } : {}) };
  const commands0 = redis ? await redis.commands() : 0;
  const stopCpu = measureCpu(pids);
  // not for the one-registration probe startRig makes
  const capture: WireCapture | undefined = WIRE && calls > 1 ? await startWireCapture(rig.sipPort) : undefined;
  const t0 = performance.now();
  const child = spawn('sipp', args, { cwd: dir, stdio: 'ignore' });
  // sipp's own CPU, sampled while it lives (it is gone from /proc once it exits)
  let sippCpu0 = NaN;
  let sippCpu = NaN;
  const sampler = setInterval(() => {
    const s = processCpuSeconds(child.pid ?? 0);
    if (!Number.isFinite(s)) return;
    if (!Number.isFinite(sippCpu0)) sippCpu0 = s;
    sippCpu = s;
  }, 250);
  const killer = setTimeout(() => child.kill('SIGKILL'), (Math.ceil(seconds) + 90) * 1000);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  clearTimeout(killer);
  clearInterval(sampler);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = stopCpu();
  const wire = await capture?.stop();
  const commands = redis ? (await redis.commands()) - commands0 : 0;
  if (Number.isFinite(sippCpu)) cpu.processes['sipp'] = round(((sippCpu - (sippCpu0 || 0)) / elapsed) * 100, 1);
  const stats = readSippStats(dir);
  const rtts = readSippRtts(dir);
  // BENCH_KEEP_RTT=<dir>: keep sipp's per-exchange timings (date;ms;rtd) of every step, to see when the slow ones happened
  if (process.env.BENCH_KEEP_RTT) {
    mkdirSync(process.env.BENCH_KEEP_RTT, { recursive: true });
    for (const f of readdirSync(dir).filter((x) => x.endsWith('_rtt.csv'))) copyFileSync(join(dir, f), join(process.env.BENCH_KEEP_RTT, `${rate}-${Date.now()}-${f}`));
  }
  rmSync(dir, { recursive: true, force: true });
  const n = (k: string) => Number(stats[k] ?? 0);
  const ok = n('SuccessfulCall(C)');
  const failed = n('FailedCall(C)');
  const failures = sippFailures(stats);
  const full = (rtts.get('full') ?? []).sort((a, b) => a - b);
  const auth = (rtts.get('auth') ?? []).sort((a, b) => a - b);
  const achievedPerSec = Math.round(ok / elapsed);
  const pass =
    ok + failed >= calls && failed / Math.max(1, ok + failed) < 0.001 && (calls < rate || achievedPerSec >= rate * 0.97) && percentile(full, 99) < HELD_P99_MS;
  if (code !== 0 && pass) log.debug({ code }, 'sipp exited non-zero under the failure threshold');
  return {
    rate,
    calls,
    ok,
    failed,
    achievedPerSec,
    retransmissions: n('Retransmissions(C)'),
    failures,
    fullP50Ms: round(percentile(full, 50), 3),
    fullP99Ms: round(percentile(full, 99), 3),
    authP50Ms: round(percentile(auth, 50), 3),
    authP99Ms: round(percentile(auth, 99), 3),
    cpu,
    cpuUsPerRegistration: Object.fromEntries(Object.entries(cpu.processes).map(([k, pct]) => [k, Math.round((pct / 100) * 1e6 / Math.max(1, ok / elapsed))])),
    writesPerRegistration: Object.fromEntries(Object.entries(cpu.syscalls).map(([k, io]) => [k, round(io.writes / Math.max(1, ok), 1)])),
    redisCommandsPerRegistration: round(commands / Math.max(1, ok), 1),
    ...(wire ? { wire } : {}),
    pass,
  };
}

let csvFile = '';
let sippPort: number | undefined;

interface RedisProbe {
  pid: number;
  /** Commands Redis has processed since it started (everyone's). */
  commands(): Promise<number>;
}

async function redisProbe(redis: Redis): Promise<RedisProbe> {
  const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0);
  return { pid, commands: async () => Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1] ?? 0) };
}

function printTable(title: string, steps: Step[], extra: Array<[string, string | number]>): void {
  const procs = ['sip-server', 'registrar', 'redis', 'sipp'];
  const head = ['rate/s', 'done/s', 'ok', 'failed', 'retrans', 'full p50/p99 ms', 'auth p50/p99 ms', `CPU% ${procs.join('/')}`, 'CPU us/registration', 'write syscalls/reg sip-server/registrar', 'redis cmds/reg (scripted incl.)', ...(WIRE ? ['wire challenge/auth/full p50|p99 ms'] : []), 'machine%', 'load1', ''];
  const rows = steps.map((s) => [
    s.rate, s.achievedPerSec, s.ok, s.failed, s.retransmissions,
    `${s.fullP50Ms} / ${s.fullP99Ms}`, `${s.authP50Ms} / ${s.authP99Ms}`,
    procs.map((k) => s.cpu.processes[k] ?? '-').join(' / '),
    procs.map((k) => s.cpuUsPerRegistration[k] ?? '-').join(' / '),
    `${s.writesPerRegistration['sip-server'] ?? '-'} / ${s.writesPerRegistration['registrar'] ?? '-'}`,
    s.redisCommandsPerRegistration,
    ...(WIRE ? [s.wire ? `${s.wire.challengeP50Ms}|${s.wire.challengeP99Ms} / ${s.wire.authP50Ms}|${s.wire.authP99Ms} / ${s.wire.fullP50Ms}|${s.wire.fullP99Ms}` : '-'] : []),
    s.cpu.machineBusyPct, s.cpu.loadAvg1, s.pass ? 'pass' : `FAIL ${JSON.stringify(s.failures)}`,
  ].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  process.stdout.write(`\nregistrar benchmark, ${title} (REGISTER -> 401 -> REGISTER -> 200 over ${EXTENSIONS} extensions, ${STEP_SECONDS} s steps)\n`);
  process.stdout.write([line(head), ...rows.map(line)].join('\n') + '\n\n');
  if (!extra.length) return;
  const w = Math.max(...extra.map((r) => r[0].length));
  process.stdout.write(extra.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
}

/** The highest clean rate (bench/lib/rate-search.ts); BENCH_RATES instead runs a fixed list. */
async function search(env: RigEnv, first: Rig, start: number, stepBy: number, probe: RedisProbe): Promise<{ best: number; steps: Step[]; rig?: Rig }> {
  const steps: Step[] = [];
  let rig: Rig | undefined = first;
  const attempt = async (rate: number): Promise<boolean> => {
    rig ??= await startRig(env);
    const s = await runSipp(rig, rate, rate * STEP_SECONDS, probe);
    steps.push(s);
    log.info({ cacheSeconds: env.cacheSeconds, rate, ok: s.ok, failed: s.failed, achieved: s.achievedPerSec, fullP99Ms: s.fullP99Ms, load1: s.cpu.loadAvg1, pass: s.pass }, 'step');
    if (!s.pass) {
      // an overloaded step leaves retransmissions and queued work behind: the next one starts afresh
      const old = rig;
      rig = undefined;
      await stopRig(old);
    }
    return s.pass;
  };
  try {
    const step = (rate: number) => rate + (rate >= TARGET.registerPerSec ? Math.max(stepBy, FAST_RATE_STEP) : stepBy);
    const best = await searchRate({ start, step, max: MAX_RATE, fixed: FIXED_RATES, attempt });
    return { best, steps, rig };
  } catch (e) {
    if (rig) await stopRig(rig);
    throw e;
  }
}

/**
 * The target as the issue states it: the target rate held with its p99 under the bound, judged on the
 * steps run at exactly that rate (every one of them, when BENCH_RATES repeats it), on sipp's figure and,
 * when captured, the wire's. null when no step ran at the target rate.
 */
function targetVerdict(steps: Step[]) {
  const runs = steps.filter((s) => s.rate === TARGET.registerPerSec);
  if (!runs.length) return { ...TARGET, runs: [], met: null };
  const worstP99 = (s: Step) => Math.max(s.fullP99Ms, s.wire?.fullP99Ms ?? 0);
  return {
    ...TARGET,
    runs: runs.map((s) => ({ seconds: Math.round(s.calls / s.rate), pass: s.pass, ok: s.ok, failed: s.failed, fullP50Ms: s.fullP50Ms, fullP99Ms: s.fullP99Ms, wireFullP99Ms: s.wire?.fullP99Ms ?? null })),
    met: runs.every((s) => s.pass && worstP99(s) < TARGET.p99Ms),
  };
}

/** The headline numbers of a search: the highest clean rate and what sipp measured at it. */
function summary(best: number, steps: Step[], cacheSeconds: number) {
  const at = steps.filter((s) => s.pass && s.rate === best).pop();
  return {
    registerPerSec: best,
    p50Ms: at?.fullP50Ms ?? null,
    p99Ms: at?.fullP99Ms ?? null,
    failures: at?.failed ?? null,
    authP50Ms: at?.authP50Ms ?? null,
    authP99Ms: at?.authP99Ms ?? null,
    registrations: at?.ok ?? 0,
    failureRatePct: at ? round((at.failed / Math.max(1, at.ok + at.failed)) * 100, 4) : null,
    credentialCacheSeconds: cacheSeconds,
    cpuAtRate: at?.cpu ?? null,
    perRegistrationAtRate: at ? { cpuUs: at.cpuUsPerRegistration, writeSyscalls: at.writesPerRegistration, redisCommands: at.redisCommandsPerRegistration } : null,
    loadAvg1AtRate: at?.cpu.loadAvg1 ?? null,
    wireAtRate: at?.wire ?? null,
    steps,
  };
}

async function main(): Promise<void> {
  if (WIRE && !dumpcapAvailable()) throw new Error('BENCH_WIRE=1 needs dumpcap (apt-get install tshark), run as a user allowed to capture on lo');
  const started = Date.now();
  const db = await createTestDatabase('bench_registrar');
  const prisma = createPrismaClient(db.url);
  const redis = new Redis(testRedisUrl());
  const prefix = `bench:reg:${randomBytes(3).toString('hex')}:`;
  const seeded = await seed(prisma);
  csvFile = seeded.csvFile;
  const probe = await redisProbe(redis);
  const hotEnv: RigEnv = { dbUrl: db.url, prefix, cacheSeconds: HOT_CACHE_SECONDS };
  let rig: Rig | undefined;
  try {
    rig = await startRig(hotEnv);
    // the first pass meets a cold credential cache: every extension is read from Postgres once
    const warmup = await runSipp(rig, WARMUP_RATE, EXTENSIONS, probe);
    log.info({ ok: warmup.ok, failed: warmup.failed, fullP99Ms: warmup.fullP99Ms }, 'warm-up pass over every extension');

    if (PROFILE_DIR) {
      mkdirSync(PROFILE_DIR, { recursive: true });
      await stopRig(rig);
      rig = await startRig({ ...hotEnv, cpuProfDir: PROFILE_DIR });
      const steps: Step[] = [];
      for (const rate of FIXED_RATES) steps.push(await runSipp(rig, rate, rate * STEP_SECONDS, probe));
      await stopRig(rig);
      rig = undefined;
      printTable('credentials cached', steps, [['cores', availableParallelism()]]);
      printCpuProfiles(PROFILE_DIR, ['sip-server', 'registrar'], 25);
      return;
    }

    // The target rate first, on the warmed processes, before the search pushes them into overload
    // (a failed step restarts the processes cold, and after a step near the limit the p99 at the
    // target rate was seen to stay higher for minutes).
    const targetSteps: Step[] = [];
    for (let i = 0; i < (FIXED_RATES.length ? 0 : TARGET_REPEATS); i++) {
      rig ??= await startRig(hotEnv);
      const s = await runSipp(rig, TARGET.registerPerSec, TARGET.registerPerSec * TARGET_STEP_SECONDS, probe);
      log.info({ rate: s.rate, seconds: TARGET_STEP_SECONDS, ok: s.ok, failed: s.failed, fullP99Ms: s.fullP99Ms, wireP99Ms: s.wire?.fullP99Ms, pass: s.pass }, 'target rate');
      targetSteps.push(s);
      if (!s.pass) {
        await stopRig(rig);
        rig = undefined;
      }
    }
    const hotRun = await search(hotEnv, rig ?? (await startRig(hotEnv)), START_RATE, RATE_STEP, probe);
    rig = hotRun.rig;
    const hot = summary(hotRun.best, hotRun.steps, HOT_CACHE_SECONDS);
    let cold: ReturnType<typeof summary> | null = null;
    if (COLD && !STUB) {
      if (rig) await stopRig(rig);
      // a prefix of its own: the cached phase's entries (an hour's TTL) must not answer for Postgres
      const coldEnv = { ...hotEnv, prefix: `${prefix}cold:`, cacheSeconds: 1 };
      rig = undefined;
      const coldRun = await search(coldEnv, await startRig(coldEnv), COLD_START_RATE, COLD_RATE_STEP, probe);
      rig = coldRun.rig;
      cold = summary(coldRun.best, coldRun.steps, 1);
    }
    const { steps: hotSteps, ...hotHeadline } = hot;
    const results = {
      registerPerSec: hot.registerPerSec,
      p50Ms: hot.p50Ms,
      p99Ms: hot.p99Ms,
      failures: hot.failures,
      cores: availableParallelism(),
      latency:
        'sipp rtd at registerPerSec: first REGISTER sent -> 200 received, the whole REGISTER/401/REGISTER/200 exchange (authP50Ms/authP99Ms: the authenticated transaction alone); sipp reports whole milliseconds and its clock advances in kernel ticks (4 ms here). With BENCH_WIRE=1, cached.wireAtRate: the same exchanges timed by dumpcap on lo (microseconds)',
      target: targetVerdict([...targetSteps, ...hotSteps]),
      searchCapped: hot.registerPerSec >= MAX_RATE,
      extensions: EXTENSIONS,
      passCriteria: `< 0.1% failed registrations over a ${STEP_SECONDS} s step, sipp holding >= 97% of the offered rate, p99 of the whole exchange < ${HELD_P99_MS} ms (a queue not growing)`,
      source:
        'one sipp process on 127.0.0.1 (one source address and port): registrar RATE_LIMIT_PER_SOURCE and LOCKOUT_THRESHOLD set to 1000000, sip-server SIP_RATE_LIMIT_PER_SOURCE=0',
      processes: 'dist/apps/sip-server and dist/apps/registrar, one process each; sipp, Redis and Postgres on the same 2 cores',
      cached: { note: 'credentials and realm served from the Redis cache (the first pass filled it)', ...hotHeadline },
      uncached: cold && {
        note: 'CREDENTIAL_CACHE_SECONDS=1: nearly every REGISTER reads its extension from Postgres, as in production where a phone re-registers hourly and the cache lives minutes',
        ...cold,
      },
      warmup: { rate: WARMUP_RATE, ok: warmup.ok, failed: warmup.failed, fullP50Ms: warmup.fullP50Ms, fullP99Ms: warmup.fullP99Ms, note: 'first pass, credentials read from Postgres' },
      steps: hotSteps,
      seedMs: seeded.ms,
      stepSeconds: STEP_SECONDS,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      measuredAt: new Date().toISOString(),
    };
    if (!STUB) {
      mkdirSync(resolve(__dirname, 'results'), { recursive: true });
      writeFileSync(resolve(__dirname, 'results/registrar.json'), JSON.stringify(results, null, 2) + '\n');
    }
    if (cold) printTable('credentials from Postgres (CREDENTIAL_CACHE_SECONDS=1)', cold.steps, []);
    const targetNote = targetSteps.length ? `; the first ${targetSteps.length} rows: the target rate, ${TARGET_STEP_SECONDS} s each, before the search` : '';
    printTable(`credentials cached (CREDENTIAL_CACHE_SECONDS=${HOT_CACHE_SECONDS})${targetNote}`, [...targetSteps, ...hotSteps], [
      [`authenticated registrations/s held (<0.1% failed, p99 < ${HELD_P99_MS} ms), cached`, `${hot.registerPerSec}${results.searchCapped ? ` (BENCH_MAX_RATE: not searched higher)` : ''}`],
      [`full exchange p50 / p99 ms (sipp rtd @${hot.registerPerSec}/s)`, `${hot.p50Ms} / ${hot.p99Ms}`],
      [`authenticated REGISTER->200 p50 / p99 ms (@${hot.registerPerSec}/s)`, `${hot.authP50Ms} / ${hot.authP99Ms}`],
      ...(hot.wireAtRate
        ? ([[`on the wire (dumpcap on lo) @${hot.registerPerSec}/s, p50 / p99 ms: challenge, authenticated, full`, `${hot.wireAtRate.challengeP50Ms} / ${hot.wireAtRate.challengeP99Ms}, ${hot.wireAtRate.authP50Ms} / ${hot.wireAtRate.authP99Ms}, ${hot.wireAtRate.fullP50Ms} / ${hot.wireAtRate.fullP99Ms}`]] as Array<[string, string]>)
        : []),
      [`failed registrations at ${hot.registerPerSec}/s`, `${hot.failures} of ${hot.registrations + (hot.failures ?? 0)}`],
      ...(cold
        ? ([[`authenticated registrations/s, uncached (p50 / p99 ms)`, `${cold.registerPerSec} (${cold.p50Ms} / ${cold.p99Ms})`]] as Array<[string, string]>)
        : []),
      [
        `target ${TARGET.registerPerSec}/s with p99 < ${TARGET.p99Ms} ms (at that rate: p99 sipp${WIRE ? ' / wire' : ''})`,
        results.target.met === null
          ? `not measured (no step at ${TARGET.registerPerSec}/s)`
          : `${results.target.met ? 'met' : 'not met'} (${results.target.runs.map((r) => (WIRE ? `${r.fullP99Ms} / ${r.wireFullP99Ms}` : `${r.fullP99Ms}`)).join(', ')} ms)`,
      ],
      [`first pass over ${EXTENSIONS} extensions @${WARMUP_RATE}/s`, `${warmup.ok} ok, ${warmup.failed} failed, p99 ${warmup.fullP99Ms} ms`],
      ['source', 'one sipp address; per-source rate limit and lockouts set to 1000000'],
      ['load average (1 min) at the cached rate', String(hot.loadAvg1AtRate)],
      ['cores', results.cores],
    ]);
  } finally {
    if (rig) await stopRig(rig);
    await dropKeys(redis, prefix);
    redis.disconnect();
    await prisma.$disconnect();
    await db.drop();
    rmSync(seeded.csvDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.error({ err }, 'benchmark failed');
    process.exit(1);
  },
);
