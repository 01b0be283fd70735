/**
 * One sustained sipp run against sip-server with everything needed to say why calls
 * failed: sipp's failure kinds and retransmissions, kernel UDP drops (machine-wide and
 * per socket: server vs sipp), the server's event-loop delay and GC pauses, and CPU
 * seconds of each process.
 *
 *   flock /tmp/bench.lock node -r @swc-node/register bench/lib/sustained-run.ts \
 *     [--mode uas|proxy|b2bua] [--rate 1950] [--calls 100000] [--sipp-buffer BYTES] [--server-buffer BYTES]
 *     [--timeline] [--stall-at SECONDS --stall-for SECONDS]
 *
 * Prints one JSON object.
 */
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { machineBusy, processCpuSeconds, socketDrops, udpCounters, watchEventLoop } from './load-diagnostics';
import { startCallee, startRig, stopChild, stopRig, type Mode } from './sip-rig';
import { runSippLoad } from './sipp-load';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string', default: 'uas' },
      rate: { type: 'string', default: '1950' },
      calls: { type: 'string', default: '100000' },
      'sipp-buffer': { type: 'string' },
      'server-buffer': { type: 'string' },
      timeline: { type: 'boolean', default: false },
      // a neighbour's burst: two busy-looping processes (one per core) for --stall-for seconds
      'stall-at': { type: 'string' },
      'stall-for': { type: 'string', default: '3' },
    },
  });
  const mode = values.mode as Mode;
  const rate = Number(values.rate);
  const calls = Number(values.calls);
  const sippBuffer = values['sipp-buffer'] ? Number(values['sipp-buffer']) : undefined;
  const serverBuffer = values['server-buffer'] ? Number(values['server-buffer']) : undefined;

  const rig = await startRig(mode, serverBuffer ? { udpRecvBufferBytes: serverBuffer } : {});
  const callee = rig.calleePort ? await startCallee(rig.calleePort, sippBuffer) : undefined;
  const serverPort = rig.server.sipPort;
  const appPid = rig.app.pid ?? 0;
  const udp0 = udpCounters();
  const serverDrops0 = socketDrops(serverPort).drops;
  const cpu0 = { server: process.cpuUsage(), app: processCpuSeconds(appPid), callee: callee?.pid ? processCpuSeconds(callee.pid) : 0 };
  let calleeCpu = 0;
  let calleeDrops = 0;
  const calleeSampler = setInterval(() => {
    if (callee?.pid) calleeCpu = Math.max(calleeCpu, processCpuSeconds(callee.pid) || 0);
    if (rig.calleePort) calleeDrops = Math.max(calleeDrops, socketDrops(rig.calleePort).drops);
  }, 250);
  const stopLoop = watchEventLoop();
  const busy = machineBusy();
  // once a second: how far behind the server is (its socket's queue), heap, loop lag, machine load
  const timeline: number[][] = [];
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  let secondBusy = machineBusy();
  const t0 = Date.now();
  const sampler = setInterval(() => {
    const s = rig.server.core.stats();
    timeline.push([
      Math.round((Date.now() - t0) / 1000),
      Math.round(socketDrops(serverPort).rxQueueBytes / 1024),
      Math.round(process.memoryUsage().heapUsed / 1048576),
      Math.round(lag.max / 1e6),
      s.serverTxns,
      secondBusy(),
    ]);
    lag.reset();
    secondBusy = machineBusy();
  }, 1000);
  const appCpuEnd = { v: 0 };
  const stallAt = values['stall-at'] ? Number(values['stall-at']) : undefined;
  const stallTimer =
    stallAt === undefined
      ? undefined
      : setTimeout(() => {
          const ms = Number(values['stall-for']) * 1000;
          for (let i = 0; i < 2; i++) spawn(process.execPath, ['-e', `const e = Date.now() + ${ms}; while (Date.now() < e);`], { stdio: 'ignore' });
        }, stallAt * 1000);
  const r = await runSippLoad({ serverPort, rate, calls, bufferBytes: sippBuffer });
  appCpuEnd.v = processCpuSeconds(appPid);
  clearInterval(sampler);
  if (stallTimer) clearTimeout(stallTimer);
  lag.disable();
  const loop = stopLoop();
  clearInterval(calleeSampler);
  const serverCpu = process.cpuUsage(cpu0.server);
  const udp1 = udpCounters();
  const report = {
    mode,
    rate,
    calls,
    stall: stallAt === undefined ? undefined : { at: stallAt, seconds: Number(values['stall-for']) },
    sippBuffer: sippBuffer ?? 'default',
    serverBuffer: serverBuffer ?? 'default',
    ok: r.ok,
    failed: r.failed,
    failurePct: Math.round(((calls - r.ok) / calls) * 10000) / 100,
    sippCode: r.code,
    failures: r.failures,
    retransmissions: r.retransmissions,
    deadCallMsgs: r.deadCallMsgs,
    elapsedSeconds: r.elapsedSeconds,
    failedSeconds: r.failedPerSecond.map((n, i) => [i, n]).filter(([, n]) => n > 0).slice(0, 40),
    udp: {
      rcvbufErrors: udp1.rcvbufErrors - udp0.rcvbufErrors,
      inErrors: udp1.inErrors - udp0.inErrors,
      sndbufErrors: udp1.sndbufErrors - udp0.sndbufErrors,
      serverSocketDrops: socketDrops(serverPort).drops - serverDrops0,
      sippSocketDrops: r.sippSocketDrops,
      calleeSocketDrops: calleeDrops,
    },
    cpuSeconds: {
      server: Math.round((serverCpu.user + serverCpu.system) / 1e4) / 100,
      app: Math.round((appCpuEnd.v - cpu0.app) * 100) / 100,
      sipp: r.cpuSeconds,
      callee: Math.round((calleeCpu - (cpu0.callee || 0)) * 100) / 100,
    },
    machineBusyPct: busy(),
    serverLoop: loop,
    serverState: rig.server.core.stats(),
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
    timelineColumns: ['second', 'serverRxQueueKiB', 'heapMiB', 'loopMaxMs', 'serverTxns', 'machineBusyPct'],
    timeline: values.timeline ? timeline : undefined,
  };
  if (callee) await stopChild(callee);
  await stopRig(rig);
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  },
);
