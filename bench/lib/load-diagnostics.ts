import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/** Kernel-wide UDP counters (/proc/net/snmp): datagrams dropped for lack of receive buffer. */
export function udpCounters(): { inDatagrams: number; rcvbufErrors: number; sndbufErrors: number; inErrors: number } {
  const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'));
  const head = lines[0].split(/\s+/);
  const vals = lines[1].split(/\s+/).map(Number);
  const get = (k: string) => vals[head.indexOf(k)] ?? NaN;
  return { inDatagrams: get('InDatagrams'), rcvbufErrors: get('RcvbufErrors'), sndbufErrors: get('SndbufErrors'), inErrors: get('InErrors') };
}

/**
 * Datagrams the kernel dropped on the UDP sockets bound to `port` on 127.0.0.1 (the
 * "drops" column of /proc/net/udp), plus the receive queue size right now. Tells whose
 * socket overflowed: the server's or sipp's.
 */
export function socketDrops(port: number): { drops: number; rxQueueBytes: number } {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let drops = 0;
  let rx = 0;
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 13 || !f[1].endsWith(`:${hexPort}`)) continue;
    rx += parseInt(f[4].split(':')[1], 16);
    drops += Number(f[12]);
  }
  return { drops, rxQueueBytes: rx };
}

export interface LoopReport {
  /** event-loop delay percentiles and maximum, ms */
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  /** garbage collections during the window, and the longest pause of each kind, ms */
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: Record<string, number>;
}

const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };

/** Watches this process's event loop and GC; call the returned function to stop and report. */
export function watchEventLoop(): () => LoopReport {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let gcCount = 0;
  let gcTotalMs = 0;
  const gcMaxMs: Record<string, number> = {};
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcCount++;
      gcTotalMs += e.duration;
      const kind = GC_KINDS[(e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
      gcMaxMs[kind] = Math.max(gcMaxMs[kind] ?? 0, Math.round(e.duration * 10) / 10);
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  return () => {
    h.disable();
    obs.disconnect();
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    return {
      delayP50Ms: ms(h.percentile(50)),
      delayP99Ms: ms(h.percentile(99)),
      delayMaxMs: ms(h.max),
      gcCount,
      gcTotalMs: Math.round(gcTotalMs),
      gcMaxMs,
    };
  };
}

/** CPU seconds (user + system) a process has used so far; NaN once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces: the fields we want follow its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Whole-machine busy share of all cores since `since` (from /proc/stat). */
export function machineBusy(): () => number {
  const read = () => {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - cpu[3] - cpu[4], total };
  };
  const a = read();
  return () => {
    const b = read();
    return Math.round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 1000) / 10;
  };
}
