import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { freePort } from '../../libs/testing/src';
import { startDistApp } from './dist-process';
import { machineBusy, processCpuSeconds } from './load-diagnostics';
import { startBenchApp, startCallee, stopChild, type Mode } from './sip-rig';
import { failureRate, runSippLoad, type SippLoadResult } from './sipp-load';

export interface ModeRssOptions {
  calls: number;
  rate: number;
  /** how long to wait after the last call for the RFC 3261 timers (64*T1 = 32 s by default) */
  lingerMs: number;
  sippBufferBytes: number;
  /** another build's main.js (BENCH_SIP_SERVER_MAIN), to compare before/after */
  main?: string;
}

/** What the sip-server process holds for one app mode after a fixed number of calls. */
export interface ModeRss {
  mode: Mode;
  calls: number;
  rateCps: number;
  ok: number;
  failureRate: number;
  seconds: number;
  failures: SippLoadResult['failures'];
  retransmissions: number;
  /** the server process's RSS once the app has attached, right after the last call, its high-water mark, and once the timers have run */
  rssMbStart: number;
  rssMbAfterCalls: number;
  rssMbPeak: number;
  rssMbAfterTimers: number;
  timersWaitSeconds: number;
  /** whole machine busy during the calls, and the part of it that was neither server, app, callee nor sipp (two cores = 200%) */
  machineBusyPct: number;
  othersCpuPct: number;
}

/** VmRSS and VmHWM of a process, in MB. */
function rss(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? NaN);
  const mb = (n: number) => Math.round(n / 102.4) / 10;
  return { now: mb(kb('VmRSS')), peak: mb(kb('VmHWM')) };
}

/**
 * Runs `calls` INVITE/200/ACK/BYE calls at `rate` through a fresh production build of sip-server
 * (its own process, as deployed) and the drachtio-srf app of `mode`, and reads the server's RSS.
 */
export async function measureModeRss(mode: Mode, o: ModeRssOptions): Promise<ModeRss> {
  const sipPort = await freePort();
  const drachtioPort = await freePort();
  const server = await startDistApp('sip-server', {
    env: {
      NODE_ENV: 'production',
      SIP_LISTEN: `udp:127.0.0.1:${sipPort}`,
      DRACHTIO_PORT: String(drachtioPort),
      DRACHTIO_SECRET: 'cymru',
      SIP_RATE_LIMIT_PER_SOURCE: '0',
      LOG_LEVEL: 'info',
    },
    readyText: 'sip-server listening',
    main: o.main,
  });
  const calleePort = mode === 'uas' ? undefined : await freePort();
  const callee = calleePort ? await startCallee(calleePort, o.sippBufferBytes) : undefined;
  const app = await startBenchApp(mode, drachtioPort, calleePort ? `sip:127.0.0.1:${calleePort}` : '');
  try {
    const rssMbStart = rss(server.pid).now;
    const pids = [server.pid, app.pid ?? 0, callee?.pid ?? 0].filter((p) => p);
    const cpu0 = pids.map(processCpuSeconds);
    const busy = machineBusy();
    const r = await runSippLoad({ serverPort: sipPort, rate: o.rate, calls: o.calls, bufferBytes: o.sippBufferBytes });
    const machineBusyPct = busy();
    const ours = (pids.map(processCpuSeconds).reduce((a, c, i) => a + (c - cpu0[i]), 0) + r.cpuSeconds) / Math.max(1, r.elapsedSeconds);
    const after = rss(server.pid);
    await new Promise((done) => setTimeout(done, o.lingerMs));
    const end = rss(server.pid);
    return {
      mode,
      calls: o.calls,
      rateCps: o.rate,
      ok: r.ok,
      failureRate: Math.round(failureRate(r, o.calls) * 1e5) / 1e5,
      seconds: r.elapsedSeconds,
      failures: r.failures,
      retransmissions: r.retransmissions,
      rssMbStart,
      rssMbAfterCalls: after.now,
      rssMbPeak: end.peak,
      rssMbAfterTimers: end.now,
      timersWaitSeconds: Math.round(o.lingerMs / 1000),
      machineBusyPct,
      othersCpuPct: Math.max(0, Math.round(machineBusyPct * cpus().length - ours * 100)),
    };
  } finally {
    app.send('stop');
    await stopChild(app);
    if (callee) await stopChild(callee);
    await server.stop();
  }
}
